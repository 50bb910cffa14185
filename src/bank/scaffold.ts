// The starting point for a new bank: commented, valid, with a rule and an example that passes.
import type { Loop } from '../journey/loop.js';

const KNOWLEDGE_EXTRA = `
  - id: problem_statement
    role: problem_statement        # its answers are the problem statement's history
    tracks: problem                # a material change to it is a shift of the problem
    required: true
    ask: Restate the problem in their words and check it with them. Write the version they agreed to.
    type: long
    why: A problem statement both sides agree on anchors every later conversation.
    listen_for: [corrections to your wording]
`;

export function scaffoldBank(id: string, loop: Loop, schemaPath: string): string {
  const revisit =
    loop === 'knowledge' ? '[who_affected, problem_statement]' : '[stakeholders, problem_statement]';
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
  - id: who_affected
    ask: Who is affected by this? Name the teams or roles.
    type: list
    why: Every affected group is a potential ally or blocker, and may see the problem differently.
    listen_for: [groups outside their own team, a team that is conspicuously missing]
    follow_ups:
      # Asked right after its parent, when its condition (a CEL expression) holds.
      - id: who_feels_most
        ask: Of those, who feels it most, day to day?
        type: text
        when: size(answers.who_affected) > 1
        why: The group that feels it most is the best source of evidence.
        listen_for: [stories you can quote back later]

  - id: urgency
    ask: How urgent is this compared with everything else on your plate?
    type: scale
    min: 1
    max: 5
    labels: { min: It can wait, max: This quarter }
    why: Buyers rarely say no; they say not now.
    listen_for: [a competing priority]
${loop === 'knowledge' ? KNOWLEDGE_EXTRA : ''}
rules:
  # A rule fires once per session when its condition holds: a tip for the rep, or a loop-back
  # that sends the prospect back to re-evaluate the problem (naming Knowledge questions to ask again).
  - id: low_urgency
    when: answers.urgency <= 2
    tip: Urgency is low. Ask what would have to happen for this to become a priority.
  - id: new_group_affected
    when: size(added("who_affected")) > 0
    loop_back:
      message: A group is affected that was not before. Re-evaluate the problem with them in mind.
      revisit: ${revisit}

examples:
  # Named cases that prove the rules fire when they should: journey bank test runs them.
  - name: low urgency gets a tip
    answers: { who_affected: [Sales], urgency: 1 }
    expect: { tips: [low_urgency], loop_backs: [], skipped: [who_feels_most] }
  - name: a newly affected team loops back
    answers: { who_affected: [Sales, Finance], urgency: 4 }
    previous: { who_affected: [Sales] }
    expect: { loop_backs: [new_group_affected], tips: [], asked: [who_feels_most] }
`;
}
