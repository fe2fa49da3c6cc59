import type { LoggerService } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import { RtpParameters } from '@app/contracts';
import { MediaLimits } from './media-limits';
import { MediaAppData, Peer, PeerChannel } from './peer';

/**
 * Consumer bookkeeping for a room: at most one consumer per peer and producer, even when a join
 * and a new producer race (`Peer.offeredProducers`). Consumers start paused and are resumed once
 * the client acknowledges `newConsumer`, then a key frame is asked for (mediasoup-demo's shape).
 * An offer that comes to nothing is forgotten, so a later one (a new receive transport) tries again.
 */
export class RoomConsumers {
  constructor(
    private readonly limits: Pick<MediaLimits, 'consumerAckTimeoutMs'>,
    private readonly logger: LoggerService,
  ) {}

  /** Offers `producer` to `peer` unless already offered. Returns at once; never rejects. */
  offer(peer: Peer, producer: ms.Producer<MediaAppData>): void {
    const offered = peer.offeredProducers;
    if (offered.has(producer.id)) return;
    offered.add(producer.id);
    this.create(peer, producer).then(
      (consumer) => {
        if (!consumer || consumer.closed) offered.delete(producer.id);
        else consumer.observer.once('close', () => offered.delete(producer.id));
      },
      (error: unknown) => {
        offered.delete(producer.id);
        if (!peer.closed && !producer.closed)
          this.logger.warn(`consumer for peer ${peer.id} failed: ${String(error)}`);
      },
    );
  }

  private async create(
    peer: Peer,
    producer: ms.Producer<MediaAppData>,
  ): Promise<ms.Consumer<MediaAppData> | undefined> {
    const transport = peer.recvTransport();
    const rtpCapabilities = peer.rtpCapabilities;
    if (!transport || !rtpCapabilities || peer.closed || producer.closed) return undefined;
    if (!peer.router.router.canConsume({ producerId: producer.id, rtpCapabilities })) return undefined;
    const consumer = await transport.consume<MediaAppData>({
      producerId: producer.id,
      rtpCapabilities,
      paused: true,
      appData: { ...producer.appData },
    });
    if (peer.closed) {
      consumer.close();
      return undefined;
    }
    peer.addConsumer(consumer);
    let ack: Awaited<ReturnType<PeerChannel['request']>>;
    try {
      ack = await peer.channel.request(
        'newConsumer',
        {
          id: consumer.id,
          producerId: producer.id,
          peerId: producer.appData.peerId,
          kind: consumer.kind,
          source: producer.appData.source,
          rtpParameters: consumer.rtpParameters as unknown as RtpParameters,
          type: consumer.type,
          producerPaused: consumer.producerPaused,
        },
        this.limits.consumerAckTimeoutMs,
      );
    } catch {
      ack = {
        ok: false,
        error: { code: 'MEDIA_UNAVAILABLE', message: 'newConsumer not acknowledged in time' },
      };
    }
    if (!ack.ok) {
      consumer.close();
      return undefined;
    }
    if (consumer.closed) return undefined;
    await consumer.resume();
    if (consumer.kind === 'video') await consumer.requestKeyFrame();
    return consumer;
  }
}
