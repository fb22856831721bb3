import type { Io } from '../io.js';

export async function runLessonsList(io: Io, _opts: { lessonsDir?: string }): Promise<number> {
  io.err('lessons list: not built yet\n');
  return 2;
}
export async function runLessonsValidate(io: Io, _opts: { dir?: string }): Promise<number> {
  io.err('lessons validate: not built yet\n');
  return 2;
}
export async function runLessonsVerify(io: Io, _opts: { dir?: string }): Promise<number> {
  io.err('lessons verify: not built yet\n');
  return 2;
}
