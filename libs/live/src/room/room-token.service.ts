import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { API_CONFIG, ApiConfig } from '@app/config';
import type { IceServer, RoomTokenClaims, RoomTokenResponse, RoomTokenRole } from '@app/contracts';

/** Path on the api's own origin that is proxied to the media server's socket.io. */
export const MEDIA_PROXY_PATH = '/media-io';

@Injectable()
export class RoomTokenService {
  constructor(@Inject(API_CONFIG) private readonly cfg: ApiConfig) {}

  issue(claims: RoomTokenClaims): RoomTokenResponse {
    const ttl = this.cfg.auth.roomTokenTtl;
    const token = jwt.sign(
      {
        room: claims.room,
        role: claims.role,
        name: claims.name,
        ...(claims.record ? { record: true } : {}),
        ...(claims.stage ? { stage: true } : {}),
      },
      this.cfg.auth.roomTokenSecret,
      {
        algorithm: 'HS256',
        subject: claims.sub,
        expiresIn: ttl,
      },
    );
    const direct = this.cfg.mediaPublicUrl;
    return {
      token,
      role: claims.role,
      mediaUrl: direct,
      mediaPath: direct ? '/socket.io' : MEDIA_PROXY_PATH,
      iceServers: this.iceServers(claims.sub, claims.role),
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
    };
  }

  /**
   * coturn's `use-auth-secret` scheme: username `<expiry>:<user>`, password
   * base64(HMAC-SHA1(secret, username)). Viewers behind mobile NATs need TURN; a credential lives
   * a few hours so a long stream survives a reconnect.
   */
  private iceServers(userId: string, _role: RoomTokenRole): IceServer[] {
    const { turnUrls, turnSecret } = this.cfg;
    if (!turnUrls.length || !turnSecret) return [];
    const username = `${Math.floor(Date.now() / 1000) + 6 * 3600}:${userId}`;
    const credential = createHmac('sha1', turnSecret).update(username).digest('base64');
    return [{ urls: turnUrls, username, credential }];
  }
}
