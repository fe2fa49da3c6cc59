import { useState } from 'react';
import type { CourseView, OrganizationView, UpdateCourseRequest } from '@app/contracts';
import { useI18n } from '../../i18n';
import { CourseFields, courseFieldsOf, type CourseFieldValues } from './course-fields';
import { EditorForm } from './form-parts';
import { learningApi } from './learning-api';
import { Loaded } from './page-parts';
import { useApiData } from './use-api-data';
import { useSaving } from './use-saving';

interface DetailsData {
  evaluators: OrganizationView[];
  /** the program's other courses that do not already need this one */
  siblings: CourseView[];
}

/** Courses of the program that need `courseId`, directly or through others: never its prerequisites. */
function needing(courses: CourseView[], courseId: string): Set<string> {
  const needs = (c: CourseView, seen: Set<string>): boolean =>
    c.prerequisiteCourseIds.some((id) => {
      if (id === courseId) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      const next = courses.find((x) => x.id === id);
      return next ? needs(next, seen) : false;
    });
  return new Set(courses.filter((c) => needs(c, new Set())).map((c) => c.id));
}

/** Only what changed, so an edit never rewrites a field someone else changed meanwhile. */
function changesOf(course: CourseView, v: CourseFieldValues): UpdateCourseRequest {
  const was = courseFieldsOf(course);
  const request: UpdateCourseRequest = {};
  if (v.title.trim() !== was.title) request.title = v.title.trim();
  if (v.occupation.trim() !== was.occupation) request.occupationCategory = v.occupation.trim();
  if (v.level !== was.level) request.skillLevel = v.level;
  if (v.evaluatorId !== was.evaluatorId) request.evaluatingOrganizationId = v.evaluatorId;
  if (Number(v.credits) !== course.credits) request.credits = Number(v.credits);
  if (Number(v.hours) !== course.requiredHours) request.requiredHours = Number(v.hours);
  const samePrereqs =
    v.prereqs.length === was.prereqs.length && v.prereqs.every((id) => was.prereqs.includes(id));
  if (!samePrereqs) request.prerequisiteCourseIds = v.prereqs;
  return request;
}

/** The course's own fields, edited on the editor page; says what an edit means for trainees. */
export function CourseDetailsForm({
  course,
  onSaved,
  onCancel,
}: {
  course: CourseView;
  onSaved(course: CourseView): void;
  onCancel(): void;
}) {
  const data = useApiData<DetailsData>(`course-details:${course.id}`, async (signal) => {
    const [organizations, courses] = await Promise.all([
      learningApi.organizations(signal),
      learningApi.programCourses(course.programId, signal),
    ]);
    const excluded = needing(courses, course.id);
    return {
      evaluators: organizations.filter(
        (o) => o.kind === 'skill_evaluation_agency' || o.id === course.evaluatingOrganization.id,
      ),
      siblings: courses.filter((c) => c.id !== course.id && !excluded.has(c.id)),
    };
  });
  return (
    <Loaded data={data}>
      {(d) => <DetailsForm course={course} {...d} onSaved={onSaved} onCancel={onCancel} />}
    </Loaded>
  );
}

function DetailsForm({
  course,
  evaluators,
  siblings,
  onSaved,
  onCancel,
}: DetailsData & { course: CourseView; onSaved(course: CourseView): void; onCancel(): void }) {
  const { t } = useI18n();
  const [fields, setFields] = useState(() => courseFieldsOf(course));
  const { busy, error, save } = useSaving();
  const submit = () =>
    save(async () => onSaved(await learningApi.updateCourse(course.id, changesOf(course, fields))));
  return (
    <EditorForm
      label={t('learning.editor.editDetails')}
      saveLabel={t('learning.editor.saveDetails')}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <h2>{t('learning.editor.editDetails')}</h2>
      <p className="learn-note">{t('learning.editor.detailsRule')}</p>
      <CourseFields value={fields} onChange={setFields} evaluators={evaluators} siblings={siblings} />
    </EditorForm>
  );
}
