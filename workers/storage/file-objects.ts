import { type FilePolicy, sizeText } from "../domain/files/policy.ts";
import { extensionOf, type Recognised, recognise, SNIFF_BYTES } from "../domain/files/sniff.ts";
import { ApiError } from "../errors.ts";

const KIND_TEXT = { image: "图片", pdf: "PDF", office: "Office 文档", audio: "录音" } as const;

/** The R2 key of a file: county, case, file — one county's files under one prefix. */
export const objectKey = (tenant: string, petitionId: string, fileId: string) =>
  `${tenant}/${petitionId}/${fileId}`;

export interface StoredObject {
  contentType: string;
  sha256: string;
}

/**
 * Streams an upload into R2 without holding it: the first few KB decide the type (by
 * content, against the county's kinds and the file's name), then every chunk goes on to
 * R2 and through a SHA-256 digest at once. R2 is told the declared length up front; a body
 * that ends early, runs long or breaks off fails the put, and whatever was written is
 * deleted, so a failed upload leaves nothing behind.
 */
export async function streamToBucket(
  bucket: R2Bucket,
  key: string,
  body: ReadableStream<Uint8Array>,
  length: number,
  name: string,
  allowed: FilePolicy["kinds"],
): Promise<StoredObject> {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  try {
    while (headBytes < SNIFF_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      head.push(value);
      headBytes += value.byteLength;
    }
  } catch {
    throw interrupted();
  }
  const type = checkType(concat(head), name, allowed);
  if (!type) {
    await reader.cancel().catch(() => undefined);
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", typeProblem(name, allowed));
  }

  const fixed = new FixedLengthStream(length);
  const digest = new crypto.DigestStream("SHA-256");
  // Read only after a whole body; an aborted upload must not leave it rejected unheard.
  digest.digest.catch(() => undefined);
  const put = bucket.put(key, fixed.readable, {
    httpMetadata: { contentType: type.contentType },
  });
  const pump = (async () => {
    const out = fixed.writable.getWriter();
    const hash = digest.getWriter();
    try {
      for (const chunk of head) await Promise.all([out.write(chunk), hash.write(chunk)]);
      while (!ended) {
        const { done, value } = await reader.read();
        if (done) break;
        await Promise.all([out.write(value), hash.write(value)]);
      }
      await Promise.all([out.close(), hash.close()]);
    } catch (error) {
      await Promise.all([out.abort(error).catch(() => {}), hash.abort(error).catch(() => {})]);
      throw error;
    }
  })();
  const [pumped, stored] = await Promise.allSettled([pump, put]);
  if (pumped.status === "rejected" || stored.status === "rejected") {
    await bucket.delete(key).catch(() => undefined);
    throw interrupted();
  }
  return { contentType: type.contentType, sha256: hex(await digest.digest) };
}

function checkType(head: Uint8Array, name: string, allowed: FilePolicy["kinds"]) {
  const type: Recognised | undefined = recognise(head, name);
  if (!type || !allowed.includes(type.kind)) return undefined;
  return type.extensions.includes(extensionOf(name)) ? type : undefined;
}

function typeProblem(name: string, allowed: FilePolicy["kinds"]) {
  const kinds = allowed.map((k) => KIND_TEXT[k]).join("、");
  return `“${name}”的内容不是允许的文件类型，或与扩展名不符。可以上传：${kinds}`;
}

export const tooLarge = (max: number) =>
  new ApiError("PAYLOAD_TOO_LARGE", `文件超过大小上限（每个文件不超过 ${sizeText(max)}）`);

const interrupted = () =>
  new ApiError("VALIDATION_FAILED", "文件上传未完成（连接中断或大小与声明不符），请重新上传");

function concat(chunks: Uint8Array[]) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const hex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
