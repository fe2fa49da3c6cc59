import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { CourseView, LessonView, ModuleView } from '@app/contracts';
import { errorText, useI18n } from '../../i18n';
import { learningApi } from './learning-api';
import { formatHours } from './learning-format';
import { LessonForm } from './lesson-form';
import { BackLink, Loaded, Stat } from './page-parts';
import { useApiData } from './use-api-data';
import { OneFieldForm } from '../../components/one-field-form';

/** `/teach/courses/:courseId`: the course's modules and lessons, with forms to add more. */
export function CourseEditorPage() {
  const { courseId = '' } = useParams();
  const { t } = useI18n();
  const data = useApiData(`course-editor:${courseId}`, (signal) => learningApi.course(courseId, signal));
  return (
    <div className="learn-page learn-authoring">
      <BackLink to="/teach">{t('learning.teach.title')}</BackLink>
      <Loaded data={data}>{(course) => <Editor course={course} onChanged={data.refresh} />}</Loaded>
    </div>
  );
}

function Editor({ course, onChanged }: { course: CourseView; onChanged(): void }) {
  const { t, locale } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  const lessons = course.modules.flatMap((m) => m.lessons);
  return (
    <>
      <p className="learn-kicker">{t('learning.editor.kicker')}</p>
      <h1>{course.title}</h1>
      <p className="learn-card-meta">
        {course.occupationCategory} ·{' '}
        {t('learning.course.evaluatedBy', { org: course.evaluatingOrganization.name })}
      </p>
      <dl className="learn-stats">
        <Stat label={t('learning.course.level')} value={t(`learning.level.${course.skillLevel}`)} />
        <Stat
          label={t('learning.course.requiredHours')}
          value={t('learning.course.hoursValue', { hours: formatHours(course.requiredHours, locale) })}
        />
        <Stat label={t('learning.course.credits')} value={String(course.credits)} />
      </dl>
      <Link className="button button-secondary button-block" to={`/courses/${course.id}`}>
        {t('learning.editor.preview')}
      </Link>
      {saved && (
        <p className="learn-done" role="status">
          {t('learning.editor.saved', { title: saved })}
        </p>
      )}
      {course.modules.length === 0 && <p className="learn-empty">{t('learning.editor.noModules')}</p>}
      {course.modules.map((m) => (
        <ModuleSection
          key={m.id}
          courseId={course.id}
          module={m}
          courseLessons={lessons}
          onSaved={(lesson) => {
            setSaved(lesson.title);
            onChanged();
          }}
        />
      ))}
      <AddModule
        courseId={course.id}
        onAdded={(m) => {
          setSaved(m.title);
          onChanged();
        }}
      />
    </>
  );
}

function ModuleSection({
  courseId,
  module,
  courseLessons,
  onSaved,
}: {
  courseId: string;
  module: ModuleView;
  courseLessons: LessonView[];
  onSaved(lesson: LessonView): void;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  return (
    <section className="learn-section" aria-labelledby={`module-${module.id}`}>
      <h2 id={`module-${module.id}`}>{module.title}</h2>
      {module.lessons.length === 0 && <p className="learn-note">{t('learning.editor.noLessons')}</p>}
      <ul className="learn-list">
        {module.lessons.map((l) => (
          <li key={l.id}>
            <Link className="learn-row" to={`/courses/${courseId}/lessons/${l.id}`}>
              <span className="learn-row-main">
                <span className="learn-row-title">{l.title}</span>
                <span className="learn-card-meta">
                  {t('learning.editor.lessonMeta', {
                    kind: t(`learning.lessonKind.${l.kind}`),
                    credits: l.credits,
                  })}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {adding ? (
        <LessonForm
          moduleId={module.id}
          moduleTitle={module.title}
          courseLessons={courseLessons}
          onCancel={() => setAdding(false)}
          onSaved={(lesson) => {
            setAdding(false);
            onSaved(lesson);
          }}
        />
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
          {t('learning.editor.addLesson')}
        </button>
      )}
    </section>
  );
}

function AddModule({ courseId, onAdded }: { courseId: string; onAdded(m: ModuleView): void }) {
  const { t } = useI18n();
  return (
    <OneFieldForm
      className="form learn-subform"
      name={t('learning.editor.addModule')}
      busyLabel={t('learning.editor.addingModule')}
      label={t('learning.editor.moduleTitle')}
      hint={t('learning.editor.moduleTitleHint')}
      field={{ maxLength: 120 }}
      submit={async (title) => onAdded(await learningApi.addModule(courseId, { title }))}
      errorText={(e) => errorText(e, t)}
    />
  );
}
