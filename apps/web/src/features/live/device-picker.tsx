import { useId } from 'react';
import { useI18n } from '../../i18n';
import type { LocalMedia } from './use-local-media';

/** Native selects: on a phone they open the system's own big, familiar picker. */
export function DevicePicker({ media, disabled = false }: { media: LocalMedia; disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="live-devices">
      <DeviceSelect
        label={t('live.devices.camera')}
        devices={media.devices.cameras}
        value={media.cameraId}
        onChange={media.selectCamera}
        disabled={disabled}
      />
      <DeviceSelect
        label={t('live.devices.microphone')}
        devices={media.devices.microphones}
        value={media.microphoneId}
        onChange={media.selectMicrophone}
        disabled={disabled}
      />
    </div>
  );
}

function DeviceSelect(props: {
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  onChange(id: string): void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      <select
        id={id}
        className="live-select"
        value={props.value}
        disabled={props.disabled || props.devices.length === 0}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || t('live.devices.unnamed', { n: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
