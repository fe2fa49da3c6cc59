import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  DashboardFigures,
  DashboardSalesMonth,
  DashboardView,
  EligibilityCategory,
  SubsidyEligibleTrainee,
} from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { assertProgramAdmin } from '../common/access';
import { msToHours, MS_PER_HOUR } from '../common/columns';
import { toCsv } from '../enrollment/csv';
import { Program } from '../program/program.entity';
import { findProgram } from '../program/program.service';
import { CommerceReadModel, MonthFigures, ShopFigures } from './commerce-read-model';

interface TraineeRow {
  enrollmentId: string;
  userId: string;
  name: string;
  mobile: string | null;
  cohortId: string;
  cohortName: string;
  category: EligibilityCategory;
  hoursMs: number;
  codes: string[];
}

const CATEGORY_ZH: Record<EligibilityCategory, string> = {
  poor_household: '脱贫户',
  returning_migrant: '返乡农民工',
  unemployed_graduate: '未就业大学生',
  disability: '残疾人',
  full_time_mother: '全职妈妈',
  veteran: '退役军人',
};

/** The program office works in China time, so its months are cut there. */
const SALES_TIME_ZONE = 'Asia/Shanghai';
const SALES_MONTHS = 6;

const zero = (): DashboardFigures => ({
  enrolled: 0,
  hours: 0,
  certified: 0,
  shopsOpened: 0,
  orders: 0,
  salesMinor: 0,
});

function add(f: DashboardFigures, t: TraineeRow, shop: ShopFigures | undefined): void {
  f.enrolled += 1;
  f.hours += t.hoursMs;
  f.certified += t.codes.length ? 1 : 0;
  f.shopsOpened += shop?.shopsOpened ?? 0;
  f.orders += shop?.orders ?? 0;
  f.salesMinor += shop?.salesMinor ?? 0;
}

/** Hours are summed in ms and turned into hours once, so rounding does not pile up. */
const finish = <T extends DashboardFigures>(f: T): T => ({ ...f, hours: msToHours(f.hours) });

/** The program office's figures: per cohort and per eligibility category, and the subsidy list. */
@Injectable()
export class ReportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly commerce: CommerceReadModel,
  ) {}

  async dashboard(actor: Actor, programId: string): Promise<DashboardView> {
    assertProgramAdmin(actor);
    return this.uow.run(async ({ em }) => {
      await findProgram(em, programId);
      const trainees = await this.trainees(em, programId);
      const shops = await this.commerce.byOwner(
        em,
        trainees.map((t) => t.userId),
      );
      const total = zero();
      const cohorts = new Map<string, DashboardFigures & { cohortId: string; cohortName: string }>();
      const categories = new Map<EligibilityCategory, DashboardFigures & { category: EligibilityCategory }>();
      for (const t of trainees) {
        const shop = shops.get(t.userId);
        add(total, t, shop);
        const c = cohorts.get(t.cohortId) ?? { ...zero(), cohortId: t.cohortId, cohortName: t.cohortName };
        add(c, t, shop);
        cohorts.set(t.cohortId, c);
        const k = categories.get(t.category) ?? { ...zero(), category: t.category };
        add(k, t, shop);
        categories.set(t.category, k);
      }
      const byCohort = [...cohorts.values()]
        .map(finish)
        .sort((a, b) => a.cohortName.localeCompare(b.cohortName));
      const monthly = await this.commerce.monthlyByOwner(
        em,
        trainees.map((t) => t.userId),
        SALES_MONTHS,
        SALES_TIME_ZONE,
      );
      return {
        programId,
        commerceAvailable: await this.commerce.available(em),
        total: finish(total),
        byCohort,
        byCategory: [...categories.values()].map(finish).sort((a, b) => a.category.localeCompare(b.category)),
        salesByMonth: salesByMonth(
          monthly.months,
          byCohort.map((c) => c.cohortId),
          trainees,
          monthly.byOwner,
        ),
        salesTimeZone: SALES_TIME_ZONE,
      };
    });
  }

  async subsidyEligible(actor: Actor, programId: string): Promise<SubsidyEligibleTrainee[]> {
    assertProgramAdmin(actor);
    return this.uow.run(async ({ em }) => {
      const program = await findProgram(em, programId);
      return (await this.trainees(em, programId)).filter((t) => qualifies(program, t)).map(toEligible);
    });
  }

  /** The same list for Excel: UTF-8 with a byte-order mark, Chinese headers. */
  async subsidyCsv(actor: Actor, programId: string): Promise<Buffer> {
    const list = await this.subsidyEligible(actor, programId);
    return toCsv([
      ['姓名', '手机号', '班级', '人员类别', '学时', '证书编号'],
      ...list.map((t) => [
        t.name,
        t.mobile ?? '',
        t.cohortName,
        CATEGORY_ZH[t.category],
        t.hours,
        t.certificateCodes.join(' '),
      ]),
    ]);
  }

  /** One row per enrolment with its verified hours and valid certificate codes. */
  private async trainees(em: EntityManager, programId: string): Promise<TraineeRow[]> {
    const rows: Array<{
      enrollment_id: string;
      user_id: string;
      name: string;
      phone: string | null;
      cohort_id: string;
      cohort_name: string;
      category: EligibilityCategory;
      hours_ms: string;
      codes: string[];
    }> = await em.query(
      `SELECT e.id AS enrollment_id, e.user_id, e.trainee_name AS name, u.phone, e.cohort_id,
              c.name AS cohort_name, e.category,
              COALESCE((SELECT SUM(h.credited_ms) FROM hours_ledger h WHERE h.enrollment_id = e.id), 0) AS hours_ms,
              ARRAY(SELECT x.code FROM certificates x
                     WHERE x.enrollment_id = e.id AND x.status = 'valid' ORDER BY x.issued_at) AS codes
         FROM enrollments e JOIN cohorts c ON c.id = e.cohort_id JOIN users u ON u.id = e.user_id
        WHERE e.program_id = $1 AND e.status <> 'withdrawn'
        ORDER BY c.name, e.trainee_name`,
      [programId],
    );
    return rows.map((r) => ({
      enrollmentId: r.enrollment_id,
      userId: r.user_id,
      name: r.name,
      mobile: r.phone,
      cohortId: r.cohort_id,
      cohortName: r.cohort_name,
      category: r.category,
      hoursMs: Math.max(0, Number(r.hours_ms)),
      codes: r.codes,
    }));
  }
}

/**
 * Each month's sales split by cohort, counted per enrolment like the figures above: a trainee's
 * shop sells for the cohort they are enrolled in.
 */
function salesByMonth(
  months: readonly string[],
  cohortIds: readonly string[],
  trainees: readonly TraineeRow[],
  byOwner: ReadonlyMap<string, MonthFigures[]>,
): DashboardSalesMonth[] {
  const out = months.map((month) => ({
    month,
    orders: 0,
    salesMinor: 0,
    byCohort: cohortIds.map((cohortId) => ({ cohortId, orders: 0, salesMinor: 0 })),
  }));
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const cohortIndex = new Map(cohortIds.map((c, i) => [c, i]));
  for (const t of trainees) {
    for (const f of byOwner.get(t.userId) ?? []) {
      const m = out[monthIndex.get(f.month) ?? -1];
      const c = m?.byCohort[cohortIndex.get(t.cohortId) ?? -1];
      if (!m || !c) continue;
      m.orders += f.orders;
      m.salesMinor += f.salesMinor;
      c.orders += f.orders;
      c.salesMinor += f.salesMinor;
    }
  }
  return out;
}

function qualifies(program: Program, t: TraineeRow): boolean {
  if (program.subsidyRequiresCertificate && !t.codes.length) return false;
  return t.hoursMs >= Math.round(program.subsidyMinHours * MS_PER_HOUR);
}

function toEligible(t: TraineeRow): SubsidyEligibleTrainee {
  return {
    enrollmentId: t.enrollmentId,
    userId: t.userId,
    name: t.name,
    mobile: t.mobile,
    cohortName: t.cohortName,
    category: t.category,
    hours: msToHours(t.hoursMs),
    certificateCodes: t.codes,
  };
}
