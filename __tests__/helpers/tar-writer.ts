import { Header, Pax, type HeaderData } from 'tar';

/**
 * Writes tar archives entry by entry with node-tar's header encoder, for the entries
 * GNU tar refuses to make (absolute names, `..`, devices) and for crafted headers.
 */
export class TarWriter {
  private readonly blocks: Buffer[] = [];

  entry(data: HeaderData & { type: NonNullable<HeaderData['type']> }, body?: Buffer | string): this {
    const content = body === undefined ? undefined : Buffer.from(body);
    const header = new Header({ mode: 0o644, uid: 0, gid: 0, mtime: new Date(0), size: content?.length ?? 0, ...data });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    this.blocks.push(block);
    if (content) this.data(content);
    return this;
  }

  file(path: string, body: string | Buffer, extra: HeaderData = {}): this {
    return this.entry({ path, type: 'File', ...extra }, body);
  }

  /** A PAX extended header that applies to the next entry (or to all, when global). */
  pax(fields: HeaderData, global = false): this {
    this.blocks.push(new Pax({ mtime: new Date(0), ...fields }, global).encode());
    return this;
  }

  /** Content bytes padded to the block size. */
  data(content: Buffer): this {
    this.blocks.push(content);
    const rest = content.length % 512;
    if (rest) this.blocks.push(Buffer.alloc(512 - rest));
    return this;
  }

  raw(bytes: Buffer): this {
    this.blocks.push(bytes);
    return this;
  }

  /** The archive with its two end-of-archive blocks. */
  end(): Buffer {
    return Buffer.concat([...this.blocks, Buffer.alloc(1024)]);
  }

  /** The archive without end-of-archive blocks. */
  unterminated(): Buffer {
    return Buffer.concat(this.blocks);
  }
}
