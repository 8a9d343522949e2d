import { definePart, type FileMerge } from '../engine/file-plan.js';
import { renderTemplate } from '../engine/templates.js';
import { withIgnoreEntries } from '../git/gitignore.js';

/** `yo azure-python:git`: a repository ready for `git push azure`, and the .gitignore a Python site needs. */
export const gitPart = definePart({
  name: 'git',
  summary: 'a git repository ready for git push azure',
  answers: ['remote'],
  commitOption: true,
  inSite: answers => answers.git,
  // The generator's entries that an existing .gitignore lacks are appended; nothing is ever changed.
  plan: (_answers, { overlay }) => [
    {
      path: '.gitignore',
      kind: 'merged',
      generated: renderTemplate('git', 'gitignore', {}, overlay),
      merge: (existing, generated): FileMerge => {
        const text = withIgnoreEntries(generated, existing);
        return { text, change: text === existing ? 'none' : 'addition', changes: [] };
      },
      purpose: "keeps bytecode, virtualenvs, a machine's .env and logs out of git",
    },
  ],
});
