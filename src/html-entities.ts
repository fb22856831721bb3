/** marked keeps HTML entities in its tokens' text; both front-ends show the characters instead. */

/** Decodes the five entities marked writes (`&amp;` last, so `&amp;lt;` stays `&lt;`). */
export function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
