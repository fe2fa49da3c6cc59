import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CohortView, DomainError, OrganizationView, ProgramView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { assertProgramAdmin, assertStaff } from '../common/access';
import { Cohort } from './cohort.entity';
import { CreateCohortDto, CreateOrganizationDto, CreateProgramDto } from './dto/program.dto';
import { Organization } from './organization.entity';
import { Program } from './program.entity';

export const toOrganizationView = (o: Organization): OrganizationView => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
});

export function toProgramView(p: Program, cohorts: Cohort[]): ProgramView {
  return {
    id: p.id,
    name: p.name,
    region: p.region,
    fundingBody: p.fundingBody,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    eligibleCategories: p.eligibleCategories,
    subsidyRule: { requireCertificate: p.subsidyRequiresCertificate, minHours: p.subsidyMinHours },
    cohorts: cohorts.map((c): CohortView => ({ id: c.id, name: c.name })),
    createdAt: p.createdAt.toISOString(),
  };
}

export async function findProgram(em: EntityManager, id: string): Promise<Program> {
  const p = await em.findOneBy(Program, { id });
  if (!p) throw new DomainError('NOT_FOUND', 'No such program.');
  return p;
}

@Injectable()
export class ProgramService {
  constructor(private readonly uow: UnitOfWork) {}

  async createOrganization(actor: Actor, dto: CreateOrganizationDto): Promise<OrganizationView> {
    assertProgramAdmin(actor);
    return this.uow.run(async ({ em }) =>
      toOrganizationView(await em.save(em.create(Organization, { name: dto.name.trim(), kind: dto.kind }))),
    );
  }

  async listOrganizations(actor: Actor): Promise<OrganizationView[]> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) =>
      (await em.find(Organization, { order: { name: 'ASC' } })).map(toOrganizationView),
    );
  }

  async createProgram(actor: Actor, dto: CreateProgramDto): Promise<ProgramView> {
    assertProgramAdmin(actor);
    if (dto.endsOn < dto.startsOn) {
      throw new DomainError('VALIDATION_FAILED', 'The program ends before it starts.', [
        { field: 'endsOn', reason: 'beforeStart', message: 'The end date is before the start date.' },
      ]);
    }
    return this.uow.run(async ({ em }) => {
      const p = await em.save(
        em.create(Program, {
          name: dto.name.trim(),
          region: dto.region.trim(),
          fundingBody: dto.fundingBody.trim(),
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          eligibleCategories: [...new Set(dto.eligibleCategories)],
          subsidyRequiresCertificate: dto.subsidyRule.requireCertificate,
          subsidyMinHours: dto.subsidyRule.minHours,
          createdBy: actor.id,
        }),
      );
      return toProgramView(p, []);
    });
  }

  async listPrograms(actor: Actor): Promise<ProgramView[]> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const programs = await em.find(Program, { order: { startsOn: 'DESC' } });
      const cohorts = await em.find(Cohort, { order: { name: 'ASC' } });
      return programs.map((p) =>
        toProgramView(
          p,
          cohorts.filter((c) => c.programId === p.id),
        ),
      );
    });
  }

  async getProgram(actor: Actor, id: string): Promise<ProgramView> {
    assertStaff(actor);
    return this.uow.run(async ({ em }) => {
      const p = await findProgram(em, id);
      return toProgramView(p, await em.find(Cohort, { where: { programId: id }, order: { name: 'ASC' } }));
    });
  }

  async createCohort(actor: Actor, programId: string, dto: CreateCohortDto): Promise<CohortView> {
    assertProgramAdmin(actor);
    return this.uow.run(async ({ em }) => {
      await findProgram(em, programId);
      const name = dto.name.trim();
      if (await em.existsBy(Cohort, { programId, name })) {
        throw new DomainError('CONFLICT', `The program already has a cohort named ${name}.`);
      }
      const c = await em.save(em.create(Cohort, { programId, name }));
      return { id: c.id, name: c.name };
    });
  }
}
