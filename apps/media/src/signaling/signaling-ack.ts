import {
  ArgumentsHost,
  CallHandler,
  Catch,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  WsExceptionFilter,
} from '@nestjs/common';
import { map, Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { types as ms } from 'mediasoup';
import { Ack, DomainError, ErrorBody, MediaRequestName } from '@app/contracts';
import { MAX_SIGNALING_MESSAGE_BYTES } from '../sfu/media-limits';
import { Peer } from '../sfu/peer';
import { validateRequest } from './signaling-validators';

const logger = new Logger('Signaling');
/** how mediasoup words an error the worker answered a request with */
const WORKER_REJECTION = / \[method:[a-zA-Z.]+\]$/;

/** Domain errors keep their code; mediasoup's parameter errors mean the client sent bad media parameters. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return error.toBody();
  if (error instanceof TypeError || error instanceof ms.UnsupportedError) {
    return { code: 'MEDIA_BAD_PARAMETERS', message: error.message };
  }
  if (error instanceof ms.InvalidStateError) return { code: 'CONFLICT', message: error.message };
  if (error instanceof Error && WORKER_REJECTION.test(error.message)) {
    // the worker refused a request the client's parameters led to (a duplicate MID or SSRC, …)
    return { code: 'MEDIA_BAD_PARAMETERS', message: error.message };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { code: 'INTERNAL', message: 'Internal error' };
}

/** Every handled request is acknowledged `{ ok: true, data }`. */
@Injectable()
export class AckInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<Ack<unknown>> {
    return next.handle().pipe(map((data: unknown) => ({ ok: true as const, data: data ?? {} })));
  }
}

/** Every failed request is acknowledged `{ ok: false, error }`; the socket and the room carry on. */
@Catch()
export class SignalingExceptionFilter implements WsExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ack = host.getArgs().find((arg, i) => i > 0 && typeof arg === 'function') as
      ((a: Ack<never>) => void) | undefined;
    const error = toErrorBody(exception);
    if (ack) ack({ ok: false, error });
  }
}

/** The request body, checked against libs/contracts for the message's own event name. */
export const SignalingRequest = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const ws = ctx.switchToWs();
  return validateRequest(ws.getPattern() as MediaRequestName, ws.getData(), MAX_SIGNALING_MESSAGE_BYTES);
});

/** The peer this socket became at connection. */
export const ConnectedPeer = createParamDecorator((_: unknown, ctx: ExecutionContext): Peer => {
  const peer = ctx.switchToWs().getClient<Socket>().data.peer as Peer | undefined;
  if (!peer || peer.closed) throw new DomainError('ROOM_CLOSED', 'This connection has left the room');
  return peer;
});
