import {
  DomainError,
  ErrorFieldDetail,
  MediaKinds,
  MediaRequest,
  MediaRequestName,
  ProducerSources,
  RoomTokenClaims,
  RoomTokenRoles,
} from '@app/contracts';

/**
 * Shape checks for every signaling message, written against the types in
 * libs/contracts/src/media-signaling.ts: the map below must name a validator for every request,
 * or this file does not compile. Request objects are strict (an unknown field is refused);
 * mediasoup's own parameter objects are checked for shape here and for content by mediasoup.
 */
type Problems = ErrorFieldDetail[];
export type Validator<T> = (value: unknown, path: string, problems: Problems) => T;

const fail = (problems: Problems, field: string, reason: string, message: string): void => {
  problems.push({ field: field || '(root)', reason, message });
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str =
  (maxLength = 128, pattern?: RegExp): Validator<string> =>
  (v, path, problems) => {
    if (typeof v !== 'string' || v.length === 0)
      fail(problems, path, 'isString', `${path} must be a non-empty string`);
    else if (v.length > maxLength)
      fail(problems, path, 'maxLength', `${path} must be at most ${maxLength} characters`);
    else if (pattern && !pattern.test(v)) fail(problems, path, 'matches', `${path} has an invalid format`);
    return v as string;
  };

/** A string that may be empty (an anonymous viewer's display name). */
const text =
  (maxLength: number): Validator<string> =>
  (v, path, problems) => {
    if (typeof v !== 'string') fail(problems, path, 'isString', `${path} must be a string`);
    else if (v.length > maxLength)
      fail(problems, path, 'maxLength', `${path} must be at most ${maxLength} characters`);
    return v as string;
  };

const int =
  (min: number, max: number): Validator<number> =>
  (v, path, problems) => {
    if (typeof v !== 'number' || !Number.isInteger(v))
      fail(problems, path, 'isInt', `${path} must be an integer`);
    else if (v < min || v > max) fail(problems, path, 'range', `${path} must be between ${min} and ${max}`);
    return v as number;
  };

const oneOf =
  <T extends string>(values: readonly T[]): Validator<T> =>
  (v, path, problems) => {
    if (typeof v !== 'string' || !values.includes(v as T))
      fail(problems, path, 'isIn', `${path} must be one of ${values.join(', ')}`);
    return v as T;
  };

const bool: Validator<boolean> = (v, path, problems) => {
  if (typeof v !== 'boolean') fail(problems, path, 'isBoolean', `${path} must be a boolean`);
  return v as boolean;
};

const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (v, path, problems) =>
    v === undefined ? undefined : inner(v, path, problems);

const arrayOf =
  <T>(item: Validator<T>, minLength: number, maxLength: number): Validator<T[]> =>
  (v, path, problems) => {
    if (!Array.isArray(v)) {
      fail(problems, path, 'isArray', `${path} must be an array`);
      return [];
    }
    if (v.length < minLength || v.length > maxLength) {
      fail(problems, path, 'arrayLength', `${path} must hold ${minLength} to ${maxLength} items`);
      return v as T[];
    }
    v.forEach((x, i) => item(x, `${path}.${i}`, problems));
    return v as T[];
  };

/** A mediasoup dictionary: only "is an object" here; mediasoup checks its fields. */
const dictionary: Validator<Record<string, unknown>> = (v, path, problems) => {
  if (!isPlainObject(v)) fail(problems, path, 'isObject', `${path} must be an object`);
  return v as Record<string, unknown>;
};

type Shape<T> = { [K in keyof T]-?: Validator<T[K]> };

const object =
  <T>(shape: Shape<T>, opts: { allowUnknown?: boolean } = {}): Validator<T> =>
  (v, path, problems) => {
    if (!isPlainObject(v)) {
      fail(problems, path, 'isObject', `${path || 'the message'} must be an object`);
      return v as T;
    }
    const prefix = path ? `${path}.` : '';
    for (const key of Object.keys(shape) as Array<keyof T & string>)
      shape[key](v[key], `${prefix}${key}`, problems);
    if (!opts.allowUnknown) {
      for (const key of Object.keys(v)) {
        if (!(key in shape))
          fail(problems, `${prefix}${key}`, 'unknownField', `${prefix}${key} is not a known field`);
      }
    }
    return v as T;
  };

const empty = object<Record<string, never>>({});
const id = str(64, /^[A-Za-z0-9._:-]+$/);

const rtpCapabilities = object(
  { codecs: optional(arrayOf(dictionary, 0, 64)), headerExtensions: optional(arrayOf(dictionary, 0, 64)) },
  { allowUnknown: true },
);
const rtpParameters = object(
  {
    mid: optional(str(32)),
    codecs: arrayOf(dictionary, 1, 16),
    headerExtensions: optional(arrayOf(dictionary, 0, 32)),
    encodings: optional(arrayOf(dictionary, 0, 8)),
    rtcp: optional(dictionary),
  },
  { allowUnknown: true },
);
const dtlsParameters = object(
  {
    role: optional(oneOf(['auto', 'client', 'server'] as const)),
    fingerprints: arrayOf(object({ algorithm: str(32), value: str(256) }), 1, 8),
  },
  { allowUnknown: true },
);
const consumerRef = object({ consumerId: id });
const producerRef = object({ producerId: id });
const peerRef = object({ peerId: id });

export const requestValidators: { [K in MediaRequestName]: Validator<MediaRequest<K>> } = {
  getRouterRtpCapabilities: empty,
  createWebRtcTransport: object({ direction: oneOf(['send', 'recv'] as const) }),
  connectWebRtcTransport: object({ transportId: id, dtlsParameters }),
  restartIce: object({ transportId: id }),
  join: object({ rtpCapabilities }),
  produce: object({
    transportId: id,
    kind: oneOf(MediaKinds),
    source: oneOf(ProducerSources),
    rtpParameters,
  }),
  closeProducer: producerRef,
  pauseProducer: producerRef,
  resumeProducer: producerRef,
  pauseConsumer: consumerRef,
  resumeConsumer: consumerRef,
  setConsumerPreferredLayers: object({
    consumerId: id,
    spatialLayer: int(0, 2),
    temporalLayer: optional(int(0, 2)),
  }),
  requestConsumerKeyFrame: consumerRef,
  inviteCohost: peerRef,
  removeCohost: peerRef,
  setHand: object({ raised: bool }),
  endRoom: empty,
};

/** Checks a request's size and shape; returns it typed or throws a DomainError. */
export function validateRequest<K extends MediaRequestName>(
  name: K,
  data: unknown,
  maxBytes: number,
): MediaRequest<K> {
  // a request without a body arrives as undefined: treat it as {}
  const value = data === undefined ? {} : data;
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    throw new DomainError('VALIDATION_FAILED', `${name}: the message is not plain JSON`);
  }
  if (size > maxBytes)
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `${name}: the message is ${size} bytes; at most ${maxBytes} are accepted`,
    );
  const problems: Problems = [];
  const validator = requestValidators[name] as Validator<MediaRequest<K>>;
  const result = validator(value, '', problems);
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', `${name}: invalid request`, problems);
  return result;
}

export const roomTokenClaims = object<RoomTokenClaims>(
  {
    sub: str(128),
    room: str(128, /^[A-Za-z0-9._:-]+$/),
    role: oneOf(RoomTokenRoles),
    name: text(100),
    record: optional(bool),
    stage: optional(bool),
  },
  { allowUnknown: true }, // iat, exp
);
