// The starting point for a new bank: commented, valid, with a rule and an example that passes.
import type { Loop } from '../model/loop.js';

const KNOWLEDGE_EXTRA = `
  - id: measure_today
    role: success_baseline         # the deal stays in the Knowledge loop until this is answered
    ask: Which number would tell you it is fixed, and where is it today?
    type: number
    why: The baseline, taken before the sale, is what every later result is compared with.
    listen_for: [a figure read from a report rather than a guess]

  - id: agreed_problem
    role: problem_statement        # its answers are the problem statement's history
    tracks: problem                # a material change to it is a shift of the problem
    required: true
    ask: Restate the problem in their words and check it with them. Write the version they agreed to.
    type: long
    why: A problem statement both sides agree on anchors every later conversation.
    listen_for: [corrections to your wording]
`;

const RESULTS_EXTRA = `
  - id: something_new
    role: new_need                 # a need named here can open a new deal of its own
    ask: What else are you trying to fix this year that we have not talked about?
    type: text
    why: A new need is a new Knowledge loop, and often a new purchase.
    listen_for: [a problem next to the one you solved]

  - id: in_the_way
    role: current_problems         # shown by journey due and export: what got in the way
    ask: What is getting in the way right now?
    type: list
    why: Problems raised and solved fast make a customer a reference.
    listen_for: [a problem they have stopped mentioning]

  - id: booked
    role: next_check_in            # journey due and the calendar use the date you booked
    ask: When shall we next look at the numbers together?
    type: date
    why: Book the next check-in before you hang up.
    listen_for: [who else should join next time]
`;

/**
 * A new bank for a loop. A loop-back asks Knowledge questions again: a Knowledge bank revisits its own,
 * any other the problem statement of the Knowledge bank in use (found by its role, never by id).
 */
export function scaffoldBank(id: string, loop: Loop, schemaPath: string, statementId?: string): string {
  const revisit =
    loop === 'knowledge' ? '[teams_affected, agreed_problem]' : `[${statementId ?? 'agreed_problem'}]`;
  return `# yaml-language-server: $schema=${schemaPath}
# A journey question bank. Check it with:  journey bank lint <this file>
# and prove its rules with:                journey bank test <this file>
id: ${id}                # lowercase letters, digits and dashes; unique among your banks
version: 1               # raise it whenever you change questions or rules
loop: ${loop}            # knowledge, options or results
title: My ${loop} bank
description: What this bank is for, in a sentence or two.

questions:
  # Each question: an id (snake_case), what the rep asks, a type, and coaching.
  # Types: text, long, choice, multi, list, confirm, number, scale, date.
  - id: teams_affected
    ask: Who is affected by this? Name the teams or roles.
    type: list
    why: Every affected group is a potential ally or blocker, and may see the problem differently.
    listen_for: [groups outside their own team, a team that is conspicuously missing]
    follow_ups:
      # Asked right after its parent, when its condition (a CEL expression) holds.
      - id: team_feels_most
        ask: Of those, who feels it most, day to day?
        type: text
        when: size(answers.teams_affected) > 1
        why: The group that feels it most is the best source of evidence.
        listen_for: [stories you can quote back later]

  - id: priority
    ask: How urgent is this compared with everything else on your plate?
    type: scale
    min: 1
    max: 5
    labels: { min: It can wait, max: This quarter }
    why: Buyers rarely say no; they say not now.
    listen_for: [a competing priority]
${loop === 'knowledge' ? KNOWLEDGE_EXTRA : ''}${loop === 'results' ? RESULTS_EXTRA : ''}
rules:
  # A rule fires once per session when its condition holds: a tip for the rep, or a loop-back
  # that sends the prospect back to re-evaluate the problem (naming Knowledge questions to ask again).
  - id: low_priority
    when: answers.priority <= 2
    tip: Urgency is low. Ask what would have to happen for this to become a priority.
  - id: new_group_affected
    when: size(added("teams_affected")) > 0
    loop_back:
      message: A group is affected that was not before. Re-evaluate the problem with them in mind.
      revisit: ${revisit}

examples:
  # Named cases that prove the rules fire when they should: journey bank test runs them.
  - name: low urgency gets a tip
    answers: { teams_affected: [Sales], priority: 1 }
    expect: { tips: [low_priority], loop_backs: [], skipped: [team_feels_most] }
  - name: a newly affected team loops back
    answers: { teams_affected: [Sales, Finance], priority: 4 }
    previous: { teams_affected: [Sales] }
    expect: { loop_backs: [new_group_affected], tips: [], asked: [team_feels_most] }
`;
}
