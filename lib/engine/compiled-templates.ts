/**
 * The packaged templates compiled by ejs at build (scripts/compile-templates.ts writes this
 * module's compiled form in dist/), by their path below templates/: a run renders them
 * without reading or compiling them. Empty in the source, and in a build that has not run
 * that step: each template is then compiled when it is first rendered.
 */
export type CompiledTemplate = (data: object, escape: (text: unknown) => string) => string;

export const compiledTemplates: Readonly<Record<string, CompiledTemplate>> = {};
