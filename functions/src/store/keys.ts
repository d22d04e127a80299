import { sha256Hex } from '../crypto/keyed-hash';

/**
 * The single owner of the table's key formats (one table, see serverless.yml): every PK, SK
 * and GSI key string is built here and nowhere else, so two entities can never drift into the
 * same key space unnoticed (tests/unit/store.keys.test.ts checks the registry). A small hand
 * registry rather than ElectroDB 3.9.3, measured with `esbuild --bundle --minify` (AWS SDK
 * external): ElectroDB alone 224 KB (57 KB gzip) and ~100 ms to load on these machines, this
 * module 7 KB (2.3 KB gzip) and ~10 ms. ElectroDB would also rewrite the strings (lower-cased
 * keys and its own `__edb_e__`/`__edb_v__` attributes by default), so existing data would
 * need per-entity overrides to be read at all.
 *
 * Changing a string here changes where existing data is read from: never edit one in place.
 */

/** Partition prefixes of the base table (PK). `exact` ones are whole keys, not prefixes. */
export const PK_PREFIX = {
  user: 'USER#',
  openid: 'OPENID#',
  application: 'APP#',
  appointment: 'APPT#',
  slots: 'SLOTS#',
  payment: 'PAY#',
  paymentTransaction: 'PAYTXN#',
  /** The payment of a subject: `${purpose.toUpperCase()}#` (see paymentSubject). */
  paymentOfViolation: 'VIOLATION#',
  paymentOfApplication: 'APPLICATION#',
  organisationRegister: 'ORGREG#',
  organisation: 'ORG#',
  outbox: 'OUTBOX#',
  job: 'JOB#',
  rateLimit: 'RATE#',
  vehicle: 'VEHICLE#',
  followUp: 'FOLLOWUP#',
  shareToken: 'QRTOKEN#',
  officer: 'OFFICER#',
  statistics: 'STATS#',
  upload: 'UPLOAD#',
  refreshToken: 'REFRESH#',
  idNumberHash: 'IDHASH#',
  faceResult: 'FACERESULT#',
  caseNumber: 'CASENO#',
  calendarYear: 'CALENDAR#',
} as const;

/** Whole partition keys of the base table. */
export const PK_EXACT = { calendar: 'CALENDAR' } as const;

/** Partition prefixes (and whole keys) of the secondary indexes, per index. */
export const GSI_PREFIX = {
  GSI1: {
    queue: 'QUEUE#',
    hallDay: 'APPTDAY#',
    outboxPending: 'OUTBOX#PENDING#',
    followUps: 'FOLLOWUPS#',
  },
  GSI2: { citizenApplications: 'CITIZEN#', citizenAppointments: 'APPTS#' },
  GSI3: { reminders: 'REMIND#' },
} as const;
export const GSI_EXACT = { GSI1: { openPayments: 'PAYOPEN', financePayments: 'PAYFINANCE' } } as const;

/**
 * Sort keys per partition kind: prefixes (ending in `#`) and whole values. Within one
 * partition, no prefix may start another (a begins_with query would read the wrong items).
 */
export const SK_FORMATS = {
  user: [
    'PROFILE',
    'IDENTITY',
    'VERIFICATION#PENDING',
    'VERIFICATION#ATTEMPTS#',
    'APPTAT#',
    'APPTACTIVE',
    'NOSHOW#',
    'LICENCE#',
    'ORG#',
    'VEHICLE#',
    'SUBSCRIBE#',
    'MONTHLY#',
    'SESSION#',
    'MSG#',
  ],
  application: ['APP', 'UPLOADTICKETS', 'AUDIT#', 'ACCESS#', 'ACCESSHEAD'],
  appointment: ['APPT', 'AUDIT#'],
  officer: ['OFFICER', 'AUDIT#'],
  calendar: ['YEAR#'],
  calendarYear: ['AUDIT#'],
  organisation: ['AGENT#'],
  rateLimit: ['WINDOW#', 'BACKOFF'],
  vehicle: ['VEHICLE', 'VIOLATION#'],
  shareToken: ['ISSUED', 'REVOKED'],
  caseNumber: ['COUNTER', 'CASE'],
  statistics: ['SUB#', 'END#', 'RATE#'],
} as const;

const P = PK_PREFIX;
const G1 = GSI_PREFIX.GSI1;
/** Sequence numbers are zero-padded so sort-key order is numeric order. */
const seq8 = (seq: number) => String(seq).padStart(8, '0');
const slotSk = (date: string, time: string) => `${date}#${time}`;
const outboxPendingSk = (at: string, eventKey: string) => `${at}#${eventKey}`;

/** A key of the base table. */
// A type alias (not an interface), so it stays assignable to Record<string, unknown>.
export type TableKey = { PK: string; SK: string };

/** Base-table keys, one builder per entity. */
export const keys = {
  // The citizen's partition.
  profile: (userId: string): TableKey => ({ PK: `${P.user}${userId}`, SK: 'PROFILE' }),
  userPartition: (userId: string) => `${P.user}${userId}`,
  openid: (openid: string): TableKey => ({ PK: `${P.openid}${openid}`, SK: 'OPENID' }),
  identity: (userId: string): TableKey => ({ PK: `${P.user}${userId}`, SK: 'IDENTITY' }),
  pendingVerification: (userId: string): TableKey => ({ PK: `${P.user}${userId}`, SK: 'VERIFICATION#PENDING' }),
  verificationAttempts: (userId: string, day: string): TableKey => ({
    PK: `${P.user}${userId}`,
    SK: `VERIFICATION#ATTEMPTS#${day}`,
  }),
  idNumberHash: (hash: string): TableKey => ({ PK: `${P.idNumberHash}${hash}`, SK: 'IDHASH' }),
  usedFaceResult: (hash: string): TableKey => ({ PK: `${P.faceResult}${hash}`, SK: 'FACERESULT' }),
  licence: (userId: string, type: string): TableKey => ({ PK: `${P.user}${userId}`, SK: `LICENCE#${type}` }),
  licencePrefix: 'LICENCE#',
  subscription: (userId: string, templateId: string): TableKey => ({
    PK: `${P.user}${userId}`,
    SK: `SUBSCRIBE#${templateId}`,
  }),
  subscriptionPrefix: 'SUBSCRIBE#',
  message: (userId: string, id: string): TableKey => ({ PK: `${P.user}${userId}`, SK: `MSG#${id}` }),
  messagePrefix: 'MSG#',
  monthlySubmissions: (userId: string, itemCode: string, month: string): TableKey => ({
    PK: `${P.user}${userId}`,
    SK: `MONTHLY#${itemCode}#${month}`,
  }),
  monthlySubmissionsPrefix: 'MONTHLY#',
  /** Sorted by start time, so the oldest session families come first in a query. */
  sessionFamilySk: (startedAtEpoch: number, familyId: string) =>
    `SESSION#${String(startedAtEpoch).padStart(12, '0')}#${familyId}`,
  sessionFamily: (userId: string, familySk: string): TableKey => ({ PK: `${P.user}${userId}`, SK: familySk }),
  sessionFamilyPrefix: 'SESSION#',
  refreshToken: (token: string): TableKey => ({ PK: `${P.refreshToken}${sha256Hex(token)}`, SK: 'REFRESH' }),

  // Cases.
  application: (id: string): TableKey => ({ PK: `${P.application}${id}`, SK: 'APP' }),
  applicationPartition: (id: string) => `${P.application}${id}`,
  applicationAudit: (id: string, seq: number): TableKey => ({ PK: `${P.application}${id}`, SK: `AUDIT#${seq8(seq)}` }),
  applicationAccess: (id: string, seq: number): TableKey => ({
    PK: `${P.application}${id}`,
    SK: `ACCESS#${seq8(seq)}`,
  }),
  applicationAccessHead: (id: string): TableKey => ({ PK: `${P.application}${id}`, SK: 'ACCESSHEAD' }),
  uploadTickets: (applicationId: string): TableKey => ({ PK: `${P.application}${applicationId}`, SK: 'UPLOADTICKETS' }),
  upload: (uploadId: string): TableKey => ({ PK: `${P.upload}${uploadId}`, SK: 'UPLOAD' }),
  auditPrefix: 'AUDIT#',
  accessPrefix: 'ACCESS#',
  caseNumberCounter: (department: string, day: string): TableKey => ({
    PK: `${P.caseNumber}${department}#${day.replaceAll('-', '')}`,
    SK: 'COUNTER',
  }),
  caseNumberLookup: (caseNumber: string): TableKey => ({ PK: `${P.caseNumber}${caseNumber}`, SK: 'CASE' }),
  isCaseNumberPk: (pk: string) => pk.startsWith(P.caseNumber),
  followUp: (id: string): TableKey => ({ PK: `${P.followUp}${id}`, SK: 'FOLLOWUP' }),
  shareTokenIssued: (jti: string): TableKey => ({ PK: `${P.shareToken}${jti}`, SK: 'ISSUED' }),
  shareTokenRevoked: (jti: string): TableKey => ({ PK: `${P.shareToken}${jti}`, SK: 'REVOKED' }),

  // Appointments.
  appointment: (id: string): TableKey => ({ PK: `${P.appointment}${id}`, SK: 'APPT' }),
  appointmentPartition: (id: string) => `${P.appointment}${id}`,
  appointmentAudit: (id: string, seq: number): TableKey => ({ PK: `${P.appointment}${id}`, SK: `AUDIT#${seq8(seq)}` }),
  slotPartition: (hallId: string) => `${P.slots}${hallId}`,
  slot: (hallId: string, date: string, time: string): TableKey => ({
    PK: `${P.slots}${hallId}`,
    SK: slotSk(date, time),
  }),
  /** A slot's sort key, `<date>#<time>` (slotCounts is keyed by it). */
  slotSk: (date: string, time: string) => slotSk(date, time),
  /** The sort-key range of a hall's slots from one date to another, both included. */
  slotRange: (from: string, to: string) => ({ from: `${from}#`, to: `${to}#~` }),
  appointmentTimeLock: (userId: string, date: string, time: string): TableKey => ({
    PK: `${P.user}${userId}`,
    SK: `APPTAT#${date}#${time}`,
  }),
  activeAppointments: (userId: string): TableKey => ({ PK: `${P.user}${userId}`, SK: 'APPTACTIVE' }),
  noShow: (userId: string, date: string, id: string): TableKey => ({
    PK: `${P.user}${userId}`,
    SK: `NOSHOW#${date}#${id}`,
  }),
  /** The sort-key range of no-shows on or after a date. */
  noShowsSince: (since: string) => ({ from: `NOSHOW#${since}`, to: 'NOSHOW#~' }),
  noShowDateOf: (sk: string) => sk.split('#')[1] ?? '',

  // Payments.
  payment: (outTradeNo: string): TableKey => ({ PK: `${P.payment}${outTradeNo}`, SK: 'PAY' }),
  outTradeNoOf: (pk: string) => pk.replace(P.payment, ''),
  paymentTransaction: (transactionId: string): TableKey => ({
    PK: `${P.paymentTransaction}${transactionId}`,
    SK: 'PAYTXN',
  }),
  /** The one live payment of a subject (a violation, a case): `VIOLATION#…` / `APPLICATION#…`. */
  paymentSubject: (purpose: 'violation' | 'application', subjectId: string): TableKey => ({
    PK: `${purpose.toUpperCase()}#${subjectId}`,
    SK: 'PAYMENT',
  }),

  // Organisations.
  organisationRegister: (code: string): TableKey => ({ PK: `${P.organisationRegister}${code}`, SK: 'ORGREG' }),
  organisationBinding: (userId: string, code: string): TableKey => ({ PK: `${P.user}${userId}`, SK: `ORG#${code}` }),
  organisationBindingPrefix: 'ORG#',
  organisationPartition: (code: string) => `${P.organisation}${code}`,
  organisationAgent: (code: string, idHash: string): TableKey => ({
    PK: `${P.organisation}${code}`,
    SK: `AGENT#${idHash}`,
  }),
  organisationAgentPrefix: 'AGENT#',

  // Traffic.
  vehiclePartition: (plateType: string, plate: string) => `${P.vehicle}${plateType}#${plate}`,
  vehicle: (plateType: string, plate: string): TableKey => ({ PK: `${P.vehicle}${plateType}#${plate}`, SK: 'VEHICLE' }),
  violation: (plateType: string, plate: string, id: string): TableKey => ({
    PK: `${P.vehicle}${plateType}#${plate}`,
    SK: `VIOLATION#${id}`,
  }),
  violationPrefix: 'VIOLATION#',
  vehicleBinding: (userId: string, plate: string): TableKey => ({ PK: `${P.user}${userId}`, SK: `VEHICLE#${plate}` }),
  vehicleBindingPrefix: 'VEHICLE#',

  // Officers and the calendar.
  officer: (username: string): TableKey => ({ PK: `${P.officer}${username}`, SK: 'OFFICER' }),
  officerPartition: (username: string) => `${P.officer}${username}`,
  officerAudit: (username: string, seq: number): TableKey => ({
    PK: `${P.officer}${username}`,
    SK: `AUDIT#${seq8(seq)}`,
  }),
  calendarPartition: PK_EXACT.calendar,
  calendarYear: (year: number): TableKey => ({ PK: PK_EXACT.calendar, SK: `YEAR#${year}` }),
  calendarYearPrefix: 'YEAR#',
  calendarAudit: (year: number, seq: number): TableKey => ({
    PK: `${P.calendarYear}${year}`,
    SK: `AUDIT#${seq8(seq)}`,
  }),

  // Machinery: outbox, jobs, rate limits, statistics.
  outbox: (eventKey: string): TableKey => ({ PK: `${P.outbox}${eventKey}`, SK: 'OUTBOX' }),
  eventKeyOf: (pk: string) => pk.slice(P.outbox.length),
  job: (job: string): TableKey => ({ PK: `${P.job}${job}`, SK: 'JOB' }),
  rateWindow: (rule: string, subject: string, window: number): TableKey => ({
    PK: `${P.rateLimit}${rule}#${sha256Hex(subject)}`,
    SK: `WINDOW#${window}`,
  }),
  rateBackoff: (rule: string, subject: string): TableKey => ({
    PK: `${P.rateLimit}${rule}#${sha256Hex(subject)}`,
    SK: 'BACKOFF',
  }),
  statsPartition: (department: string, month: string) => `${P.statistics}${department}#${month}`,
  statsFact: (department: string, month: string, kind: 'SUB' | 'END' | 'RATE', caseId: string): TableKey => ({
    PK: `${P.statistics}${department}#${month}`,
    SK: `${kind}#${caseId}`,
  }),
};

/** Secondary-index keys: the partition (and sort key) an item is listed under. */
export const indexKeys = {
  /** GSI1: a department's queue of open or closed cases (open by due date, closed by update). */
  queuePartition: (department: string, state: 'open' | 'closed') => `${G1.queue}${department}#${state}`,
  queue: (department: string, state: 'open' | 'closed', sortAt: string, id: string) => ({
    GSI1PK: `${G1.queue}${department}#${state}`,
    GSI1SK: `${sortAt}#${id}`,
  }),
  /** GSI2: a citizen's cases, newest last. */
  citizenApplicationsPartition: (userId: string) => `${GSI_PREFIX.GSI2.citizenApplications}${userId}`,
  citizenApplications: (userId: string, createdAt: string, id: string) => ({
    GSI2PK: `${GSI_PREFIX.GSI2.citizenApplications}${userId}`,
    GSI2SK: `${createdAt}#${id}`,
  }),
  /** GSI1: one hall's appointments of a day for one department, by time. */
  hallDayPartition: (hallId: string, date: string, department: string) =>
    `${G1.hallDay}${hallId}#${date}#${department}`,
  hallDay: (hallId: string, date: string, department: string, time: string, id: string) => ({
    GSI1PK: `${G1.hallDay}${hallId}#${date}#${department}`,
    GSI1SK: `${time}#${id}`,
  }),
  timeOfHallDaySk: (sk: string) => sk.split('#')[0] ?? '',
  /** GSI2: a citizen's appointments by date and time. */
  citizenAppointmentsPartition: (userId: string) => `${GSI_PREFIX.GSI2.citizenAppointments}${userId}`,
  citizenAppointments: (userId: string, date: string, time: string, hallId: string, id: string) => ({
    GSI2PK: `${GSI_PREFIX.GSI2.citizenAppointments}${userId}`,
    GSI2SK: `${date}#${time}#${hallId}#${id}`,
  }),
  citizenAppointmentSkParts: (sk: string) => {
    const [date = '', time = '', hallId = ''] = sk.split('#');
    return { date, time, hallId };
  },
  /** GSI1: unsettled payments by expiry, and the finance queue by update. */
  openPayments: (expiresAt: string, outTradeNo: string) => ({
    GSI1PK: GSI_EXACT.GSI1.openPayments,
    GSI1SK: `${expiresAt}#${outTradeNo}`,
  }),
  financePayments: (updatedAt: string, outTradeNo: string) => ({
    GSI1PK: GSI_EXACT.GSI1.financePayments,
    GSI1SK: `${updatedAt}#${outTradeNo}`,
  }),
  /** GSI1: pending outbox records, spread over shards by event key, ordered by when they are due. */
  outboxPendingShard: (shard: number) => `${G1.outboxPending}${shard}`,
  outboxPending: (shard: number, at: string, eventKey: string) => ({
    GSI1PK: `${G1.outboxPending}${shard}`,
    GSI1SK: outboxPendingSk(at, eventKey),
  }),
  outboxPendingSk: (at: string, eventKey: string) => outboxPendingSk(at, eventKey),
  /** GSI1: a department's follow-ups by creation. */
  followUpsPartition: (department: string) => `${G1.followUps}${department}`,
  followUps: (department: string, createdAt: string, id: string) => ({
    GSI1PK: `${G1.followUps}${department}`,
    GSI1SK: `${createdAt}#${id}`,
  }),
  /** GSI3: the items whose next reminder falls on a date, spread over shards by citizen. */
  reminderPartition: (date: string, shard: number) => `${GSI_PREFIX.GSI3.reminders}${date}#${shard}`,
  reminder: (date: string, shard: number, userId: string, subject: string) => ({
    GSI3PK: `${GSI_PREFIX.GSI3.reminders}${date}#${shard}`,
    GSI3SK: `${userId}#${subject}`,
  }),
};

/**
 * Outbox event keys (the part after `OUTBOX#`): one per message that may be sent, so a
 * repeated state change can never send the same message twice.
 */
export const EVENT_PREFIX = {
  application: 'APP#',
  payment: 'PAY#',
  appointment: 'APPT#',
  reminder: 'REMIND#',
} as const;
const E = EVENT_PREFIX;
export const eventKeys = {
  application: (id: string, version: number) => `${E.application}${id}#${version}`,
  payment: (outTradeNo: string, status: string) => `${E.payment}${outTradeNo}#${status}`,
  appointment: (id: string, what: string) => `${E.appointment}${id}#${what}`,
  reminder: (userId: string, subjectHash: string, dueDate: string, threshold: number) =>
    `${E.reminder}${userId}#${subjectHash}#${dueDate}#${threshold}`,
};

/**
 * Page cursors: the index key of the last row, opaque to the caller (base64url JSON). Decoding
 * checks the shape and that the key belongs to the partition being paged, so a forged cursor
 * cannot read another partition; undefined when it does not.
 */
export const cursor = {
  encode: (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url'),
  decode(
    value: string,
    expect: { names: readonly string[]; partition: [name: string, value: string]; pkPrefix: string },
  ): Record<string, string> | undefined {
    try {
      const key = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
      const names = Object.keys(key).sort().join(',');
      // Non-empty and within DynamoDB's key sizes, or the Query itself would fail.
      const strings = Object.values(key).every((v) => typeof v === 'string' && v.length > 0 && v.length <= 512);
      const [partitionName, partition] = expect.partition;
      if (
        names === [...expect.names].sort().join(',') &&
        strings &&
        key[partitionName] === partition &&
        String(key.PK).startsWith(expect.pkPrefix)
      ) {
        return key as Record<string, string>;
      }
    } catch {
      // fall through: not a cursor of ours
    }
    return undefined;
  },
};

/** The cursor of a department's queue (GSI1). */
export const queueCursor = {
  encode: cursor.encode,
  decode: (value: string, department: string, state: 'open' | 'closed') =>
    cursor.decode(value, {
      names: ['GSI1PK', 'GSI1SK', 'PK', 'SK'],
      partition: ['GSI1PK', indexKeys.queuePartition(department, state)],
      pkPrefix: P.application,
    }),
};
