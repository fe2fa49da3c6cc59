import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MediaHealth } from '@app/contracts';
import { SfuService } from '../sfu/sfu.service';

@Controller()
export class HealthController {
  constructor(private readonly sfu: SfuService) {}

  /** 200 when every worker is alive, 503 otherwise; the body is MediaHealth either way. */
  @Get('health')
  health(@Res({ passthrough: true }) res: Response): MediaHealth {
    return withStatus(res, this.sfu.health());
  }
}

function withStatus(res: Response, health: MediaHealth): MediaHealth {
  res.status(health.status === 'up' ? 200 : 503);
  return health;
}
