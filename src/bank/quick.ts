// A short call: the bank's core questions only (`core: true`), with the follow-ups their answers
// open. The same bank otherwise (id, version, hash, rules), so a quick session records like any other.
import { flattenQuestions, type QuestionBank } from './bank.js';

export function quickBank(bank: QuestionBank): QuestionBank {
  const questions = bank.questions.filter((q) => q.core);
  // Every question stays known by id: a loop-back may still ask any of them again.
  return { ...bank, questions, all: flattenQuestions(questions) };
}
