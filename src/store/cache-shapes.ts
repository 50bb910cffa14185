// The shapes of cached values, checked in full when a cache is loaded: a cache written by another
// version, or edited by hand, is rebuilt from the files rather than trusted. Checked by hand where a
// listing must stay fast: summaries, folder listings, bank outlines and sessions.
import type { BankOutline, OutlineQuestion } from '../bank/outline.js';
import type { ListingFacts } from '../journey/listing-facts.js';
import type { SessionSummary } from '../model/account.js';
import { isLoop } from '../model/loop.js';
import { ROLES } from '../model/roles.js';
import { isDataFileName } from './data-files.js';
import { isObject } from './stat-cache.js';

const isString = (v: unknown): v is string => typeof v === 'string';
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** A problem found in a file, cached so an unchanged broken file is not parsed again. */
export function isProblem(value: unknown): value is { problem: string } {
  return isObject(value) && isText(value.problem) && Object.keys(value).length === 1;
}

/** The keys a file holds that this release does not know (absent: none), cached beside what was read. */
export function isUnknownKeys(v: unknown): v is string[] | undefined {
  return v === undefined || (Array.isArray(v) && v.length > 0 && v.every(isText));
}

export function isSessionSummary(v: unknown): v is SessionSummary {
  if (!isObject(v)) return false;
  const bank = v.bank;
  return (
    isText(v.id) &&
    isText(v.account) &&
    (v.deal === null || isText(v.deal)) &&
    isString(v.loop) &&
    isLoop(v.loop) &&
    (v.status === 'in_progress' || v.status === 'complete') &&
    isText(v.started) &&
    isText(v.updated) &&
    (v.contact === null || isText(v.contact)) &&
    isCount(v.answered) &&
    isObject(bank) &&
    isText(bank.id) &&
    Number.isInteger(bank.version) &&
    isText(bank.hash)
  );
}

/** A folder listing: the names of its data files, and whether it has a records folder. */
export interface FolderListing {
  names: string[];
  records: boolean;
}

export function isFolderListing(v: unknown): v is FolderListing {
  return (
    isObject(v) &&
    Array.isArray(v.names) &&
    v.names.every((n) => typeof n === 'string' && isDataFileName(n)) &&
    typeof v.records === 'boolean'
  );
}

function isOutlineQuestion(v: unknown): v is OutlineQuestion {
  return (
    isObject(v) &&
    isText(v.id) &&
    isString(v.ask) &&
    typeof v.required === 'boolean' &&
    // Outlines cached before `brief` was kept lack it: rebuilt, so prep's deal facts are complete.
    typeof v.brief === 'boolean' &&
    (v.label === undefined || isText(v.label)) &&
    (v.role === undefined || (ROLES as readonly unknown[]).includes(v.role))
  );
}

export function isBankOutline(v: unknown): v is BankOutline {
  return (
    isObject(v) &&
    isText(v.id) &&
    Number.isInteger(v.version) &&
    isString(v.loop) &&
    isLoop(v.loop) &&
    isString(v.title) &&
    isString(v.hash) &&
    isText(v.file) &&
    Array.isArray(v.questions) &&
    v.questions.every(isOutlineQuestion)
  );
}

const SESSION_LISTS = ['entries', 'notes', 'flags', 'tips', 'shifts', 'revisits', 'judgements', 'warnings'];

const isEntry = (e: unknown): boolean => isObject(e) && isText(e.question) && isText(e.ask) && isText(e.at);
const isFlag = (f: unknown): boolean =>
  isObject(f) &&
  isText(f.id) &&
  isText(f.rule) &&
  isText(f.message) &&
  Array.isArray(f.evidence) &&
  Array.isArray(f.revisit) &&
  isText(f.at);

/**
 * A cached session: the fields every command reads, checked by hand (a session's schema would load
 * zod on every listing, costing more than the cache saves). The file itself went through the schema
 * when it was cached; a hand-edited or foreign cache fails here and is rebuilt from the file.
 */
export function isCachedSession(v: unknown): boolean {
  if (!isObject(v)) return false;
  const bank = v.bank;
  return (
    v.format === 1 &&
    isText(v.id) &&
    isText(v.account) &&
    isString(v.loop) &&
    isLoop(v.loop) &&
    (v.status === 'in_progress' || v.status === 'complete') &&
    isText(v.started) &&
    isText(v.updated) &&
    isObject(bank) &&
    isText(bank.id) &&
    Number.isInteger(bank.version) &&
    isText(bank.hash) &&
    SESSION_LISTS.every((key) => Array.isArray(v[key])) &&
    (v.entries as unknown[]).every(isEntry) &&
    (v.flags as unknown[]).every(isFlag) &&
    (v.revisits as unknown[]).every(
      (r) => isObject(r) && isText(r.flag) && Array.isArray(r.entries) && r.entries.every(isEntry),
    )
  );
}

const isStage = (v: unknown) => v === 'prospect' || v === 'customer' || v === 'lost';
const isDate = (v: unknown) => v === null || isText(v);
const isLoopOrNull = (v: unknown) => v === null || (isString(v) && isLoop(v));

const isDealSummary = (d: unknown): boolean =>
  isObject(d) &&
  isText(d.name) &&
  isStage(d.stage) &&
  isCount(d.sessions) &&
  isLoopOrNull(d.lastLoop) &&
  isDate(d.lastContact);

const isAccountSummary = (a: unknown): boolean =>
  isObject(a) &&
  isText(a.name) &&
  isText(a.slug) &&
  isCount(a.sessions) &&
  isLoopOrNull(a.lastLoop) &&
  isDate(a.lastContact) &&
  isDate(a.contact) &&
  isCount(a.unfinished) &&
  isStage(a.stage) &&
  Array.isArray(a.deals) &&
  a.deals.every(isDealSummary);

const isFlagView = (v: unknown): boolean =>
  isObject(v) &&
  isFlag(v.flag) &&
  isText(v.account) &&
  (v.deal === undefined || v.deal === null || isText(v.deal)) &&
  isObject(v.session) &&
  isText(v.session.id) &&
  isText(v.session.started) &&
  (v.status === 'open' || v.status === 'resolved') &&
  (v.resolution === undefined ||
    (isObject(v.resolution) && isText(v.resolution.how) && isText(v.resolution.at)));

const isDueFact = (d: unknown): boolean =>
  isObject(d) &&
  isText(d.account) &&
  (d.deal === null || isText(d.deal)) &&
  isText(d.customerSince) &&
  isText(d.every) &&
  isDate(d.lastCheckIn) &&
  isText(d.next) &&
  typeof d.booked === 'boolean' &&
  isCount(d.openFlags) &&
  Array.isArray(d.problems) &&
  Array.isArray(d.behindTarget) &&
  d.behindTarget.every((m) => isObject(m) && isText(m.question) && Array.isArray(m.actuals));

/** An account's listing facts as the session index keeps them (journey/listing-facts.ts). */
export function isListingFacts(v: unknown): v is ListingFacts {
  if (!isObject(v)) return false;
  const due = v.due;
  return (
    isAccountSummary(v.summary) &&
    Array.isArray(v.reps) &&
    v.reps.every(isText) &&
    (v.knowledgeBank === null || isText(v.knowledgeBank)) &&
    Array.isArray(v.flags) &&
    v.flags.every(isFlagView) &&
    (due === undefined ||
      (isObject(due) && isString(due.roles) && Array.isArray(due.deals) && due.deals.every(isDueFact)))
  );
}
