/** Which AWS the tutor talks to, as chosen on the command line. */
export interface TargetOptions {
  /** real AWS with the default credential chain */
  aws?: boolean;
  /** real AWS with this named profile */
  profile?: string;
  region?: string;
  /** any AWS-compatible endpoint (an already running sandbox, say) */
  endpointUrl?: string;
}

/** True when the options ask for something other than the built-in sandbox. */
export function wantsExternalTarget(o: TargetOptions): boolean {
  return Boolean(o.aws || o.profile || o.endpointUrl);
}
