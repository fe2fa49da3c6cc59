import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../auth/require-auth';
import { CertificatePage } from './certificate-page';
import { CourseEditorPage } from './course-editor-page';
import { CoursePage } from './course-page';
import { CoursesPage } from './courses-page';
import { GradingPage } from './grading-page';
import { LessonPage } from './lesson-page';
import { NewCoursePage } from './new-course-page';
import { ProgramPage } from './program-page';
import { QuizPage } from './quiz-page';
import { SubmissionsPage } from './submissions-page';
import { TeachPage } from './teach-page';
import { VerifyPage } from './verify-page';
import './learning.css';
import './learning-records.css';
import './learning-authoring.css';

const signedIn = (page: ReactNode) => <RequireAuth>{page}</RequireAuth>;

/** Pages of the learning feature, mounted inside the app shell. */
export const learningRoutes: RouteObject[] = [
  { path: 'courses', element: signedIn(<CoursesPage />) },
  { path: 'courses/:courseId', element: signedIn(<CoursePage />) },
  { path: 'courses/:courseId/lessons/:lessonId', element: signedIn(<LessonPage />) },
  { path: 'assessments/:assessmentId', element: signedIn(<QuizPage />) },
  { path: 'assessments/:assessmentId/submissions', element: signedIn(<SubmissionsPage />) },
  { path: 'grading/:submissionId', element: signedIn(<GradingPage />) },
  { path: 'certificates/:certificateId', element: signedIn(<CertificatePage />) },
  { path: 'program', element: signedIn(<ProgramPage />) },
  { path: 'teach', element: signedIn(<TeachPage />) },
  { path: 'teach/new', element: signedIn(<NewCoursePage />) },
  { path: 'teach/courses/:courseId', element: signedIn(<CourseEditorPage />) },
  // public: whoever holds a certificate code (an employer, a subsidy clerk) checks it without an account
  { path: 'verify', element: <VerifyPage /> },
  { path: 'verify/:code', element: <VerifyPage /> },
];
