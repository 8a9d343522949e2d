import type { SiteAnswers } from '../answers/model.js';
import type { PlanContext, PlannedFile, SiteFile } from '../engine/file-plan.js';
import { gitPart } from './git.js';
import { linuxPart } from './linux.js';
import { modulePart } from './module.js';
import { portalPart } from './portal.js';
import { provisionPart, workflowPart } from './provision.js';
import { readmePart } from './readme.js';
import { webconfigPart } from './webconfig.js';

/**
 * The parts a site is made of, in the order `yo azure-python` composes them: adding a part is
 * adding a plan module here (and a generator folder with its template folder).
 */
export const parts = [modulePart, webconfigPart, portalPart, linuxPart, provisionPart, workflowPart, readmePart, gitPart] as const;

export type PartName = (typeof parts)[number]['name'];

/** The parts a whole site with these answers has, in the order they are written. */
export function siteParts(answers: SiteAnswers): (typeof parts)[number][] {
  return parts.filter(part => part.inSite(answers));
}

export function findPart(name: PartName): (typeof parts)[number] {
  return parts.find(part => part.name === name)!;
}

const keptAnswersFile: SiteFile = { path: '.yo-rc.json', purpose: 'your answers, reused when a generator runs again' };

/** The files a whole site with these answers has, each with what it is for: what its parts' plans list. */
export function siteFiles(answers: SiteAnswers, site: Pick<PlanContext, 'holdsUserFile' | 'readSiteFile'> = {}): SiteFile[] {
  // The README lists these files: planned here, it lists none.
  const context: PlanContext = { siteFiles: () => [], ...site };
  const planned = siteParts(answers).flatMap(part => (part.plan as (answers: SiteAnswers, context: PlanContext) => PlannedFile[])(answers, context));
  return [...planned.filter((file): file is PlannedFile & SiteFile => file.purpose !== undefined), keptAnswersFile].map(({ path, purpose }) => ({ path, purpose }));
}

/** The files a run of `generator` writes for these (complete) answers: a part's, or a whole site's. */
export function plannedPaths(generator: string, answers: SiteAnswers, overlay: string | undefined): string[] {
  const chosen = generator === 'app' ? siteParts(answers) : parts.filter(part => part.name === generator);
  return chosen.flatMap(part => planOf(part, answers, overlay).map(file => file.path));
}

/** Renders `part`'s plan for `answers`, with the context a plan is rendered in. */
export function planOf(part: (typeof parts)[number], answers: SiteAnswers, overlay: string | undefined): PlannedFile[] {
  return (part.plan as (answers: SiteAnswers, context: PlanContext) => PlannedFile[])(answers, { overlay, siteFiles: () => siteFiles(answers) });
}
