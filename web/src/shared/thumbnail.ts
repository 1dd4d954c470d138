/** The longest side of a thumbnail, in pixels: two rows of text on the case page, twice over. */
const SIDE = 240;
/** What the server accepts (64 KB); the quality steps down until the JPEG fits. */
const MAX_BYTES = 64 * 1024;

/**
 * A small JPEG of an image the browser can decode, drawn on a canvas (the Worker has no
 * image codec). Null when the browser cannot decode it (HEIC in most browsers): the case
 * page then shows the file without a thumbnail.
 */
export async function makeThumbnail(file: Blob): Promise<Blob | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  const scale = Math.min(1, SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext("2d");
  if (!context) return null;
  // JPEG has no transparency: a white ground, as on paper.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  for (const quality of [0.8, 0.6, 0.4]) {
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, "image/jpeg", quality),
    );
    if (blob && blob.size <= MAX_BYTES) return blob;
  }
  return null;
}
