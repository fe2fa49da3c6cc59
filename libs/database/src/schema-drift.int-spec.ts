import { createTestDatabase, TestDatabase } from '@app/testing';
import { pendingSchemaChanges } from './migrate';

describe('schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('migrations produce exactly the schema the entities describe', async () => {
    // Non-empty means an entity changed without a migration: run `npm run migration:generate -- libs/database/src/migrations/Name`.
    expect(await pendingSchemaChanges(db.url)).toEqual([]);
  });
});
