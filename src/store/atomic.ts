// Atomic file writes: a reader (or a crash) sees the old file or the new one, never half of either.

import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crypto } from './crypto.js';

export interface WriteOptions {
  /** Fail with EEXIST instead of replacing a file that is already there. */
  exclusive?: boolean;
  /**
   * Skip the fsyncs: still all-or-nothing, but a power cut may lose the file. Only for derived
   * data that is rebuilt when missing (caches), never for records.
   */
  disposable?: boolean;
  /** The new file's permissions (those of the file it replaces, say); else 0644 less the umask. */
  mode?: number | undefined;
}

/**
 * Writes the whole text to a temporary file beside the target (checking for short writes, which
 * a full disk produces), fsyncs it, moves it into place and fsyncs the folder so the rename lasts.
 */
export async function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`);
  const bytes = Buffer.from(text, 'utf8');
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      if (options.mode !== undefined) await handle.chmod(options.mode);
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
        if (bytesWritten <= 0) throw new Error(`could not write ${path}: the disk took no more bytes`);
        offset += bytesWritten;
      }
      if (!options.disposable) await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      await link(temp, path);
      await unlink(temp);
    } else {
      await rename(temp, path);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (!options.disposable) await syncDir(dir);
}

/** Makes a folder's entries durable (a rename or an unlink in it), where the platform can. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a folder; the rename itself is still atomic there.
  }
}
