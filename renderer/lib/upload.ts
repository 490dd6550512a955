/** A file the page sends to the engine as bytes, refused before it is read when over the upload limit. */
import { MAX_UPLOAD_BYTES } from '../../shared/ipc/contract';

/** The part of a DOM File used here. */
export interface UploadFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const megabytes = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MB`;

export async function readUpload(file: UploadFile): Promise<Uint8Array> {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new Error(
      `${file.name} is too large to upload (${megabytes(file.size)}; the limit is ${megabytes(MAX_UPLOAD_BYTES)}). Files this large must be read from disk: open it with the desktop app's file dialog, or with the command line.`,
    );
  }
  return new Uint8Array(await file.arrayBuffer());
}
