import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { SkillLevel } from '@app/contracts';
import { msToHours } from '../common/columns';
import { maskName } from '../common/codes';
import { Certificate } from './certificate.entity';

/** Debian's fonts-wqy-microhei; production images install the same package. */
export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const CJK_FAMILY = 'WenQuanYiMicroHei';

const LEVELS: Record<SkillLevel, string> = { junior: '初级', intermediate: '中级', senior: '高级' };

function date(d: Date): string {
  // certificates state the date in China's calendar day
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(d);
}

/** One A4 landscape page: title, holder, course, level, hours, evaluator, code and a QR of the verify link. */
export async function renderCertificatePdf(cert: Certificate, verifyUrl: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    info: { Title: `职业技能培训合格证书 ${cert.code}` },
  });
  doc.registerFont('cjk', CJK_FONT, CJK_FAMILY);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { width, height } = doc.page;
  doc
    .lineWidth(3)
    .strokeColor('#b8860b')
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  doc
    .font('cjk')
    .fillColor('#8b0000')
    .fontSize(34)
    .text('职业技能培训合格证书', 0, 80, { align: 'center', width });
  doc
    .fillColor('#222')
    .fontSize(12)
    .text('Vocational Skill Training Certificate', 0, 124, { align: 'center', width });
  const lines: Array<[string, string]> = [
    ['持证人', cert.holderName],
    ['培训项目', cert.programName],
    ['课程', cert.courseTitle],
    ['技能等级', LEVELS[cert.skillLevel]],
    ['学时', `${msToHours(cert.hoursMs)} 小时`],
    ['学分', String(cert.credits)],
    ['评价机构', cert.evaluatingOrganizationName],
    ['发证日期', date(cert.issuedAt)],
    ['证书编号', cert.code],
  ];
  let y = 170;
  for (const [label, value] of lines) {
    doc.fontSize(15).fillColor('#555').text(`${label}：`, 90, y, { width: 110 });
    doc.fillColor('#111').text(value, 200, y, { width: 380 });
    y += 30;
  }
  doc.image(qr, width - 260, 190, { width: 170 });
  doc
    .fontSize(10)
    .fillColor('#555')
    .text('扫码核验证书真伪', width - 260, 366, { width: 170, align: 'center' });
  if (cert.status === 'revoked') {
    doc
      .fontSize(48)
      .fillColor('#cc0000')
      .text('已撤销 REVOKED', 0, height / 2 - 30, { align: 'center', width });
  }
  doc
    .fontSize(9)
    .fillColor('#777')
    .text(`核验 ${maskName(cert.holderName)}：${verifyUrl}`, 56, height - 70, { width: width - 112 });
  doc.end();
  return done;
}
