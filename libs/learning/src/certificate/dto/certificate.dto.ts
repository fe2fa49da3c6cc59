import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { RevokeCertificateRequest } from '@app/contracts';

export class RevokeCertificateDto implements RevokeCertificateRequest {
  @ApiProperty({ maxLength: 500, example: '考核材料存在代考情况，经核实撤销' })
  @IsString()
  @Length(4, 500)
  reason: string;
}
