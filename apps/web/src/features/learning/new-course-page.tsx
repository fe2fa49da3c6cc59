import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { OrganizationView, TeachingView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { useI18n } from '../../i18n';
import { CourseFields, type CourseFieldValues } from './course-fields';
import { SelectField } from './form-parts';
import { learningApi } from './learning-api';
import { BackLink, Loaded } from './page-parts';
import { useApiData } from './use-api-data';
import { useSaving } from './use-saving';

interface NewCourseData {
  teaching: TeachingView;
  evaluators: OrganizationView[];
}

/** `/teach/new`: a course in one of the programs the instructor teaches in. */
export function NewCoursePage() {
  const { t } = useI18n();
  const data = useApiData<NewCourseData>('new-course', async (signal) => {
    const [teaching, organizations] = await Promise.all([
      learningApi.teaching(signal),
      learningApi.organizations(signal),
    ]);
    return { teaching, evaluators: organizations.filter((o) => o.kind === 'skill_evaluation_agency') };
  });
  return (
    <div className="learn-page learn-authoring">
      <BackLink to="/teach">{t('learning.teach.title')}</BackLink>
      <h1>{t('learning.newCourse.title')}</h1>
      <Loaded data={data}>
        {(d) =>
          d.teaching.programs.length === 0 ? (
            <p className="learn-empty">{t('learning.teach.noPrograms')}</p>
          ) : (
            <NewCourseForm {...d} />
          )
        }
      </Loaded>
    </div>
  );
}

function NewCourseForm({ teaching, evaluators }: NewCourseData) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const wanted = params.get('program');
  const [programId, setProgramId] = useState(
    teaching.programs.find((p) => p.id === wanted)?.id ?? teaching.programs[0]?.id ?? '',
  );
  const [fields, setFields] = useState<CourseFieldValues>({
    title: '',
    occupation: '',
    level: 'junior',
    evaluatorId: evaluators[0]?.id ?? '',
    credits: '',
    hours: '',
    prereqs: [],
  });
  const { busy, error, save } = useSaving();
  const siblings = teaching.courses.filter((c) => c.programId === programId);

  const submit = () =>
    save(async () => {
      const course = await learningApi.createCourse(programId, {
        title: fields.title.trim(),
        occupationCategory: fields.occupation.trim(),
        skillLevel: fields.level,
        evaluatingOrganizationId: fields.evaluatorId,
        credits: Number(fields.credits),
        requiredHours: Number(fields.hours),
        prerequisiteCourseIds: fields.prereqs,
      });
      void navigate(`/teach/courses/${course.id}`);
    });

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <SelectField
        label={t('learning.newCourse.program')}
        value={programId}
        onChange={(next) => {
          setProgramId(next);
          setFields((f) => ({ ...f, prereqs: [] }));
        }}
        options={teaching.programs.map((p) => ({ value: p.id, text: p.name }))}
      />
      <CourseFields value={fields} onChange={setFields} evaluators={evaluators} siblings={siblings} />
      <FormAlert message={error} />
      <button type="submit" className="button button-block" disabled={busy || evaluators.length === 0}>
        {busy ? t('learning.newCourse.saving') : t('learning.newCourse.save')}
      </button>
    </form>
  );
}
