/**
 * The arm variables (issue 19 item 5), as data like tables/variables.ts, which spreads them into
 * VARIABLES. Read per stride by arms.ts. No smallest detectable difference has been published for
 * any 2D arm variable, and no reference band: each reference says what is known and from where
 * (docs/gait-methods.md, "Arms"). Without an SDD or a symmetry index, their left/right differences
 * are shown with their interval but never make an asymmetry finding (findings.ts needs a limit),
 * and a far arm seen behind the trunk has an unknown bias.
 */
import type { VariableDefinition } from './variables';

export const ARM_VARIABLES: readonly VariableDefinition[] = [
  {
    id: 'arm-swing',
    label: 'Arm swing (shoulder range over the stride)',
    view: 'side',
    event: 'stride',
    unit: 'deg',
    definition:
      'Peak-to-peak angle of the upper arm (shoulder → elbow) against the trunk line over the stride: shoulder flexion to extension.',
    extract: { kind: 'arm', what: 'swing' },
    reference: {
      text: 'No published band. Arm swing balances the legs (Hinrichs 1987); running without it costs 3–13% more energy',
      source: 'arellanoKram2014',
    },
    symmetryIndex: false,
    limb: 'arm',
    stepSd: { deg: 5 },
  },
  {
    id: 'elbow-flexion',
    label: 'Elbow flexion (mean over the stride)',
    view: 'side',
    event: 'stride',
    unit: 'deg',
    definition: '180° − the shoulder–elbow–wrist angle, averaged over the stride.',
    extract: { kind: 'arm', what: 'elbow' },
    reference: {
      text: 'Runners carry the forearm near perpendicular to the upper arm (about 90°); no published band',
      source: 'yegian2019',
    },
    symmetryIndex: false,
    limb: 'arm',
    stepSd: { deg: 5 },
  },
  {
    id: 'arm-crossover',
    label: 'Wrist from the midline (arm crossover)',
    view: 'rear',
    event: 'stride',
    unit: 'length',
    definition:
      'Wrist from the body midline (hip centre → shoulder centre) at its most medial point of the stride; < 0 = crosses the midline.',
    extract: { kind: 'arm', what: 'crossover' },
    reference: {
      text: 'No published band or link to injury; coaches advise hands not to cross the midline',
      source: 'stridelabDefault',
    },
    symmetryIndex: false,
    limb: 'arm',
    stepSd: { pctLeg: 3 },
  },
];
