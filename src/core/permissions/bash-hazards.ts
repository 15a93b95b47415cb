import { canonicalArgv, escalationForms, isDangerousEnvAssignment } from './bash-command';
import type { TargetEvaluation } from './permission-decision';
import type { ParsedCommand } from './shell-parser';
import { commandWordHazards, informationalHazards } from './shell-parser';

/** A check that makes the whole command ask (or be refused), whatever the allow rules say. */
export type Escalation = NonNullable<TargetEvaluation['escalation']>;

/** Flags that make an otherwise harmless command run another program, write or delete files. */
const awkProgram = /system\s*\(|(^|[^|])\|([^|]|$)|\bprintf?\b[^;{}]*>|\bgetline\b/;
const programFlags: Record<string, RegExp> = {
  find: /^-(exec|execdir|ok|okdir|delete|fprint0?|fprintf|fls)$/,
  rg: /^--pre(-glob)?(=|$)/,
  sort: /^--compress-program(=|$)/,
  tar: /^(--to-command|--checkpoint-action|--use-compress-program|--info-script|--new-volume-script|--absolute-names|-P|-I|-F)(=|$)/,
  git: /^(-c|--config-env|--exec-path|--upload-pack|--receive-pack|--open-files-in-pager)(=|$)|^-O/,
  rsync: /^(-e|--rsh)(=|$)/,
  printf: /^-v/,
  awk: awkProgram,
  gawk: awkProgram,
  mawk: awkProgram,
  // `e` runs commands; `w`/`W` write and `r`/`R` read files the path checks cannot see.
  sed: /^s(.)(?:\\.|(?!\1).)*\1(?:\\.|(?!\1).)*\1[gipIM0-9]*[ewW]|(^|[;\n{}/])\s*[0-9,$]*\s*[ewWrR](\s|$)/,
};

function hazardReason(kind: string, detail: string): string {
  // JSON quoting makes newlines and look-alike characters visible in the prompt.
  const quoted = JSON.stringify(detail);
  const shown = quoted.length > 80 ? `${quoted.slice(0, 77)}…` : quoted;
  const reasons: Record<string, string> = {
    parse_error: 'The command could not be parsed safely.',
    too_many: `The command has too many parts to check one by one (${shown}).`,
    background: 'The command starts something in the background.',
    invisible_characters: 'The command contains invisible characters.',
  };
  return reasons[kind] ?? `The command uses ${kind.replace(/_/g, ' ')}: ${shown}`;
}

/**
 * The first hazard that forces asking: one the parser found, a dangerous environment assignment,
 * a hazardous command word behind a wrapper (`nohup eval …`), or a flag that runs programs.
 */
export function hazardEscalation(parsed: ParsedCommand): Escalation | undefined {
  const hazard = parsed.hazards.find((candidate) => !informationalHazards.has(candidate.kind));
  if (hazard) return { check: `hazard:${hazard.kind}`, reason: hazardReason(hazard.kind, hazard.detail) };
  for (const subcommand of parsed.subcommands) {
    const assignment = subcommand.assignments.find(isDangerousEnvAssignment);
    if (assignment) {
      return {
        check: 'hazard:dangerous_env',
        reason: `It sets ${assignment.name}, which can change what program runs.`,
      };
    }
    for (const form of escalationForms(subcommand.argv).slice(1)) {
      const [wrapped] = commandWordHazards(form[0] ?? '', false);
      if (wrapped)
        return { check: `hazard:${wrapped.kind}`, reason: hazardReason(wrapped.kind, form.join(' ')) };
    }
    const argv = canonicalArgv(subcommand.argv);
    const flags = programFlags[argv[0] ?? ''];
    const flag = flags && argv.slice(1).find((word) => flags.test(word));
    if (flag) {
      return {
        check: 'hazard:runs_program',
        reason: `\`${argv[0]} ${flag}\` can run other programs or write files.`,
      };
    }
  }
  return undefined;
}
