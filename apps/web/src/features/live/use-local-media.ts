import { useCallback, useEffect, useRef, useState } from 'react';

export interface DeviceChoice {
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
}

export interface LocalMedia {
  stream: MediaStream | null;
  devices: DeviceChoice;
  cameraId: string;
  microphoneId: string;
  /** getUserMedia failed (permission refused, no device, device busy) */
  failed: boolean;
  selectCamera(id: string): void;
  selectMicrophone(id: string): void;
  retry(): void;
}

/**
 * 1280x720 is asked for so the encoder can send all three simulcast layers (at 640x480 Chromium
 * sends only two); a phone held upright gets the portrait equivalent from its own camera.
 */
function constraints(cameraId: string, microphoneId: string): MediaStreamConstraints {
  return {
    video: {
      ...(cameraId ? { deviceId: { exact: cameraId } } : { facingMode: 'user' }),
      width: { ideal: 1280 },
      height: { ideal: 720 },
      frameRate: { ideal: 30, max: 30 },
    },
    audio: {
      ...(microphoneId ? { deviceId: { exact: microphoneId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    },
  };
}

const NO_DEVICES: DeviceChoice = { cameras: [], microphones: [] };

/**
 * Camera and microphone for the studio or the stage: opens them (while `active`), lists the
 * devices (their names are only readable once permission is given), and switches on choice.
 * Tracks are stopped when the choice changes, when inactive and on unmount, so the camera light
 * goes off.
 */
export function useLocalMedia(active: boolean): LocalMedia {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<DeviceChoice>(NO_DEVICES);
  const [cameraId, setCameraId] = useState('');
  const [microphoneId, setMicrophoneId] = useState('');
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);
  const current = useRef<MediaStream | null>(null);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    setFailed(false);
    // many phones cannot open a second camera while one is open: let go of the old one first
    current.current?.getTracks().forEach((t) => t.stop());
    navigator.mediaDevices
      .getUserMedia(constraints(cameraId, microphoneId))
      .then(async (next) => {
        if (cancelled) {
          next.getTracks().forEach((t) => t.stop());
          return;
        }
        current.current = next;
        setStream(next);
        const all = await navigator.mediaDevices.enumerateDevices();
        if (cancelled) return;
        setDevices({
          cameras: all.filter((d) => d.kind === 'videoinput'),
          microphones: all.filter((d) => d.kind === 'audioinput'),
        });
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [active, cameraId, microphoneId, round]);

  // stop everything when the page no longer needs the camera
  useEffect(() => {
    if (active) return;
    current.current?.getTracks().forEach((t) => t.stop());
    current.current = null;
    setStream(null);
  }, [active]);
  useEffect(() => () => current.current?.getTracks().forEach((t) => t.stop()), []);

  const retry = useCallback(() => setRound((n) => n + 1), []);
  return {
    stream,
    devices,
    cameraId: cameraId || (stream?.getVideoTracks()[0]?.getSettings().deviceId ?? ''),
    microphoneId: microphoneId || (stream?.getAudioTracks()[0]?.getSettings().deviceId ?? ''),
    failed,
    selectCamera: setCameraId,
    selectMicrophone: setMicrophoneId,
    retry,
  };
}
