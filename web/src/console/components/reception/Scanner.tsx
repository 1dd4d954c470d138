import { useEffect, useRef, useState } from "preact/hooks";

interface Detector {
  detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

const detectorClass = (): DetectorClass | undefined =>
  (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;

export const canScan = () =>
  typeof window !== "undefined" &&
  detectorClass() !== undefined &&
  Boolean(navigator.mediaDevices?.getUserMedia);

/** Reads a booking's QR code with the camera (browsers with BarcodeDetector only). */
export function Scanner({
  onCode,
  onClose,
}: {
  onCode: (code: string) => void;
  onClose: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState("");
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const detector = new Detector({ formats: ["qr_code"] });
    const scan = async () => {
      if (stopped || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        const value = found[0]?.rawValue;
        if (value) {
          onCodeRef.current(value);
          return;
        }
      } catch {
        // A frame that is not ready yet; try the next one.
      }
      timer = setTimeout(scan, 300);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void scan();
      })
      .catch(() => setError("无法打开摄像头，请手工输入预约码。"));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div class="scanner">
      <video ref={video} muted playsInline aria-label="摄像头画面：将预约二维码对准此处" />
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="button button--small" onClick={onClose}>
        关闭扫码
      </button>
    </div>
  );
}
