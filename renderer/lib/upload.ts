/** Files the page sends to the engine as bytes: one over the upload limit is refused before it is read. */
import { MAX_UPLOAD_BYTES } from '../../shared/ipc/contract';

const megabytes = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MB`;

/** What is wrong with uploading this file, if anything (its size is known without reading it). */
export function uploadProblem(file: { name: string; size: number }): string | undefined {
  if (file.size <= MAX_UPLOAD_BYTES) return undefined;
  return `${file.name} is too large to upload (${megabytes(file.size)}; the limit is ${megabytes(MAX_UPLOAD_BYTES)}). Files this large must be read from disk: open it with the desktop app's file dialog, or with the command line.`;
}
