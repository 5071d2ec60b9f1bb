/**
 * The records a service platform's host owns about a customer (SPEC section 10): devices,
 * tickets, video sessions, the tasks of the customer's devices and the events of those tasks. The
 * SDK does not store them; it reads them through the `ServiceRecords` port, each list with the one
 * query shape of `ListQuery.ts`, and computes the customer's statistics from them.
 *
 * For each list this module has the record's Schema and its {@link ListSpec}: what it sorts by,
 * what it filters on and where its search looks. The tables below are the contract between the
 * back office and the host:
 *
 * | list | sort keys (default first) | filters | search |
 * |---|---|---|---|
 * | `devices` | `name` asc, `serialNumber`, `status`, `registeredAt`, `lastSeenAt` | `status`, `model`, `departmentId` (values), `registeredAt` (range) | name, serial number, model |
 * | `tickets` | `createdAt` desc, `updatedAt`, `priority`, `status`, `subject` | `status`, `priority`, `deviceId` (values), `createdAt` (range) | subject, number |
 * | `video-sessions` | `startsAt` desc, `title`, `status`, `durationMinutes` | `status`, `deviceId` (values), `startsAt` (range) | title |
 * | `tasks` | `createdAt` desc, `dueAt`, `title`, `status` | `status`, `deviceId` (values), `createdAt`, `dueAt` (range) | title |
 * | `task-events` | `at` desc, `type` | `type`, `taskId`, `deviceId` (values), `at` (range) | summary |
 *
 * Free texts of the records (ticket subjects, session and task titles, event summaries, device
 * names) may hold personal data and carry the mark.
 *
 * @module
 */
import { DateTime, Schema } from "effect"
import { DepartmentId, ServiceRecordId } from "./Ids.ts"
import { Instant } from "./Instant.ts"
import type { ListSpec } from "./ListQuery.ts"
import { personal } from "./PersonalData.ts"

const Text = (max: number) => Schema.String.pipe(Schema.check(Schema.isBetweenLength(1, max)))

/** A free text that may hold personal data; anonymization writes `[erased]`. */
const Content = (max: number) => Text(max).pipe(personal("content", { replacement: "[erased]" }))

const millis = (at: DateTime.DateTime | undefined): number | undefined => (at === undefined ? undefined : DateTime.toEpochMillis(at))

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/**
 * The lists of the service platform's customer view.
 *
 * @category lists
 */
export const ServiceList = Schema.Literals(["devices", "tickets", "video-sessions", "tasks", "task-events"])
/** @category lists */
export type ServiceList = typeof ServiceList.Type

/**
 * Every list, in the order of the tabs.
 *
 * @category lists
 */
export const serviceLists: ReadonlyArray<ServiceList> = ServiceList.literals

// ---------------------------------------------------------------------------------------------
// Devices
// ---------------------------------------------------------------------------------------------

/**
 * A device's state: `online`, `offline`, `maintenance` or `decommissioned`.
 *
 * @category devices
 */
export const DeviceStatus = Schema.Literals(["online", "offline", "maintenance", "decommissioned"])
/** @category devices */
export type DeviceStatus = typeof DeviceStatus.Type

/**
 * A device linked to the customer.
 *
 * @category devices
 */
export class Device extends Schema.Class<Device>("customer-account/Device")({
  /** The host's id. */
  id: ServiceRecordId,
  /** The device's name (may name a person). */
  name: Content(200),
  /** The serial number. */
  serialNumber: Schema.optionalKey(Text(100)),
  /** The model. */
  model: Schema.optionalKey(Text(100)),
  /** Its state. */
  status: DeviceStatus,
  /** The customer's department it belongs to. */
  departmentId: Schema.optionalKey(DepartmentId),
  /** When it was linked to the customer. */
  registeredAt: Instant,
  /** When it last reported. */
  lastSeenAt: Schema.optionalKey(Instant)
}) {}

/**
 * What the devices list declares.
 *
 * @category devices
 */
export const deviceList: ListSpec<Device> = {
  list: "devices",
  id: (d) => d.id,
  defaultSort: { key: "name", direction: "asc" },
  sortKeys: {
    name: (d) => d.name.toLowerCase(),
    serialNumber: (d) => d.serialNumber,
    status: (d) => d.status,
    registeredAt: (d) => millis(d.registeredAt),
    lastSeenAt: (d) => millis(d.lastSeenAt)
  },
  filters: {
    status: { kind: "values", values: DeviceStatus.literals, of: (d) => d.status },
    model: { kind: "values", of: (d) => d.model },
    departmentId: { kind: "values", of: (d) => d.departmentId },
    registeredAt: { kind: "range", of: (d) => d.registeredAt }
  },
  search: (d) => [d.name, d.serialNumber, d.model]
}

// ---------------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------------

/**
 * A ticket's state: `open`, `in-progress`, `waiting`, `resolved` or `closed`.
 *
 * @category tickets
 */
export const TicketStatus = Schema.Literals(["open", "in-progress", "waiting", "resolved", "closed"])
/** @category tickets */
export type TicketStatus = typeof TicketStatus.Type

/**
 * The states of an open ticket, the statistics' "open tickets": everything not resolved or closed.
 *
 * @category tickets
 */
export const openTicketStatuses: ReadonlyArray<TicketStatus> = ["open", "in-progress", "waiting"]

/**
 * A ticket's priority, lowest first: `low`, `normal`, `high`, `urgent`.
 *
 * @category tickets
 */
export const TicketPriority = Schema.Literals(["low", "normal", "high", "urgent"])
/** @category tickets */
export type TicketPriority = typeof TicketPriority.Type

/**
 * A ticket linked to the customer.
 *
 * @category tickets
 */
export class Ticket extends Schema.Class<Ticket>("customer-account/Ticket")({
  /** The host's id. */
  id: ServiceRecordId,
  /** The number shown to people, e.g. `T-2026-0042`. */
  number: Schema.optionalKey(Text(50)),
  /** The subject (may hold personal data). */
  subject: Content(300),
  /** Its state. */
  status: TicketStatus,
  /** Its priority. */
  priority: TicketPriority,
  /** The device it is about. */
  deviceId: Schema.optionalKey(ServiceRecordId),
  /** When it was opened. */
  createdAt: Instant,
  /** When it last changed. */
  updatedAt: Schema.optionalKey(Instant)
}) {}

/**
 * What the tickets list declares; `priority` sorts by rank (low to urgent).
 *
 * @category tickets
 */
export const ticketList: ListSpec<Ticket> = {
  list: "tickets",
  id: (t) => t.id,
  defaultSort: { key: "createdAt", direction: "desc" },
  sortKeys: {
    createdAt: (t) => millis(t.createdAt),
    updatedAt: (t) => millis(t.updatedAt),
    priority: (t) => TicketPriority.literals.indexOf(t.priority),
    status: (t) => t.status,
    subject: (t) => t.subject.toLowerCase()
  },
  filters: {
    status: { kind: "values", values: TicketStatus.literals, of: (t) => t.status },
    priority: { kind: "values", values: TicketPriority.literals, of: (t) => t.priority },
    deviceId: { kind: "values", of: (t) => t.deviceId },
    createdAt: { kind: "range", of: (t) => t.createdAt }
  },
  search: (t) => [t.subject, t.number]
}

// ---------------------------------------------------------------------------------------------
// Video sessions
// ---------------------------------------------------------------------------------------------

/**
 * A video session's state: `scheduled`, `running`, `completed` or `cancelled`.
 *
 * @category video sessions
 */
export const VideoSessionStatus = Schema.Literals(["scheduled", "running", "completed", "cancelled"])
/** @category video sessions */
export type VideoSessionStatus = typeof VideoSessionStatus.Type

/**
 * A video session with the customer.
 *
 * @category video sessions
 */
export class VideoSession extends Schema.Class<VideoSession>("customer-account/VideoSession")({
  /** The host's id. */
  id: ServiceRecordId,
  /** The title (may hold personal data). */
  title: Content(200),
  /** Its state. */
  status: VideoSessionStatus,
  /** When it starts or started; the statistics count sessions per month of this instant. */
  startsAt: Instant,
  /** How long it took, in minutes. */
  durationMinutes: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  /** The device it was about. */
  deviceId: Schema.optionalKey(ServiceRecordId),
  /** The ticket it was about. */
  ticketId: Schema.optionalKey(ServiceRecordId)
}) {}

/**
 * What the video sessions list declares.
 *
 * @category video sessions
 */
export const videoSessionList: ListSpec<VideoSession> = {
  list: "video-sessions",
  id: (v) => v.id,
  defaultSort: { key: "startsAt", direction: "desc" },
  sortKeys: {
    startsAt: (v) => millis(v.startsAt),
    title: (v) => v.title.toLowerCase(),
    status: (v) => v.status,
    durationMinutes: (v) => v.durationMinutes
  },
  filters: {
    status: { kind: "values", values: VideoSessionStatus.literals, of: (v) => v.status },
    deviceId: { kind: "values", of: (v) => v.deviceId },
    startsAt: { kind: "range", of: (v) => v.startsAt }
  },
  search: (v) => [v.title]
}

// ---------------------------------------------------------------------------------------------
// Tasks and their events
// ---------------------------------------------------------------------------------------------

/**
 * A task's state: `open`, `in-progress`, `done` or `cancelled`.
 *
 * @category tasks
 */
export const TaskStatus = Schema.Literals(["open", "in-progress", "done", "cancelled"])
/** @category tasks */
export type TaskStatus = typeof TaskStatus.Type

/**
 * A task of one of the customer's devices.
 *
 * @category tasks
 */
export class Task extends Schema.Class<Task>("customer-account/Task")({
  /** The host's id. */
  id: ServiceRecordId,
  /** The title (may hold personal data). */
  title: Content(200),
  /** The device the task is for: one of the customer's. */
  deviceId: ServiceRecordId,
  /** Its state. */
  status: TaskStatus,
  /** When it was created. */
  createdAt: Instant,
  /** When it is due. */
  dueAt: Schema.optionalKey(Instant)
}) {}

/**
 * What the tasks list declares.
 *
 * @category tasks
 */
export const taskList: ListSpec<Task> = {
  list: "tasks",
  id: (t) => t.id,
  defaultSort: { key: "createdAt", direction: "desc" },
  sortKeys: {
    createdAt: (t) => millis(t.createdAt),
    dueAt: (t) => millis(t.dueAt),
    title: (t) => t.title.toLowerCase(),
    status: (t) => t.status
  },
  filters: {
    status: { kind: "values", values: TaskStatus.literals, of: (t) => t.status },
    deviceId: { kind: "values", of: (t) => t.deviceId },
    createdAt: { kind: "range", of: (t) => t.createdAt },
    dueAt: { kind: "range", of: (t) => t.dueAt }
  },
  search: (t) => [t.title]
}

/**
 * What happened to a task: `created`, `status-changed`, `assigned`, `comment` or `completed`.
 *
 * @category tasks
 */
export const TaskEventType = Schema.Literals(["created", "status-changed", "assigned", "comment", "completed"])
/** @category tasks */
export type TaskEventType = typeof TaskEventType.Type

/**
 * An event of a task of one of the customer's devices (the tasks tab's "events" view).
 *
 * @category tasks
 */
export class TaskEvent extends Schema.Class<TaskEvent>("customer-account/TaskEvent")({
  /** The host's id. */
  id: ServiceRecordId,
  /** The task. */
  taskId: ServiceRecordId,
  /** The task's device. */
  deviceId: ServiceRecordId,
  /** What happened. */
  type: TaskEventType,
  /** When. */
  at: Instant,
  /** A summary (may hold personal data). */
  summary: Content(500)
}) {}

/**
 * What the task events list declares.
 *
 * @category tasks
 */
export const taskEventList: ListSpec<TaskEvent> = {
  list: "task-events",
  id: (e) => e.id,
  defaultSort: { key: "at", direction: "desc" },
  sortKeys: {
    at: (e) => millis(e.at),
    type: (e) => e.type
  },
  filters: {
    type: { kind: "values", values: TaskEventType.literals, of: (e) => e.type },
    taskId: { kind: "values", of: (e) => e.taskId },
    deviceId: { kind: "values", of: (e) => e.deviceId },
    at: { kind: "range", of: (e) => e.at }
  },
  search: (e) => [e.summary]
}

// ---------------------------------------------------------------------------------------------
// All lists
// ---------------------------------------------------------------------------------------------

/**
 * The record type of each list.
 *
 * @category lists
 */
export interface ServiceRecordOf {
  /** A device. */
  readonly devices: Device
  /** A ticket. */
  readonly tickets: Ticket
  /** A video session. */
  readonly "video-sessions": VideoSession
  /** A task. */
  readonly tasks: Task
  /** A task event. */
  readonly "task-events": TaskEvent
}

/**
 * The spec of each list.
 *
 * @category lists
 */
export const listSpecs: { readonly [L in ServiceList]: ListSpec<ServiceRecordOf[L]> } = {
  devices: deviceList,
  tickets: ticketList,
  "video-sessions": videoSessionList,
  tasks: taskList,
  "task-events": taskEventList
}

/**
 * The Schema of each list's records.
 *
 * @category lists
 */
export const recordSchemas = {
  devices: Device,
  tickets: Ticket,
  "video-sessions": VideoSession,
  tasks: Task,
  "task-events": TaskEvent
} as const

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

/**
 * The most months the statistics look back.
 *
 * @category statistics
 */
export const maxStatisticsMonths = 36

/**
 * One calendar month (UTC) of the statistics: `YYYY-MM`, its first instant and the next month's.
 *
 * @category statistics
 */
export interface MonthWindow {
  /** The month, `YYYY-MM`. */
  readonly month: string
  /** Its first instant. */
  readonly from: DateTime.Utc
  /** The next month's first instant. */
  readonly until: DateTime.Utc
}

/**
 * The last `months` calendar months (UTC) up to and including the month of `now`, oldest first.
 *
 * @category statistics
 */
export const monthWindows = (now: DateTime.DateTime, months: number): ReadonlyArray<MonthWindow> => {
  const date = DateTime.toDateUtc(now)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  const windows: Array<MonthWindow> = []
  for (let back = months - 1; back >= 0; back--) {
    const from = Date.UTC(year, month - back, 1)
    const until = Date.UTC(year, month - back + 1, 1)
    const first = new Date(from)
    windows.push({
      month: `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, "0")}`,
      from: DateTime.makeUnsafe(from),
      until: DateTime.makeUnsafe(until)
    })
  }
  return windows
}

/**
 * The per-customer dashboard (SPEC section 10): devices, open tickets, tasks by status, video
 * sessions per month.
 *
 * @category statistics
 */
export interface ServiceStatistics {
  /** How many devices the customer has. */
  readonly devices: number
  /** How many of its tickets are open ({@link openTicketStatuses}). */
  readonly openTickets: number
  /** How many tasks of its devices are in each status. */
  readonly tasksByStatus: Readonly<Record<TaskStatus, number>>
  /** How many video sessions start in each of the last months, oldest first. */
  readonly videoSessionsPerMonth: ReadonlyArray<{ readonly month: string; readonly count: number }>
}

/**
 * The query of the statistics: how many months of video sessions, 1 to
 * {@link maxStatisticsMonths}; 12 when absent.
 *
 * @category statistics
 */
export const StatisticsQuery = Schema.Struct({
  /** How many months, the current one included. */
  months: Schema.optionalKey(
    Schema.Int.check(
      Schema.isBetween({ minimum: 1, maximum: maxStatisticsMonths }, { expected: `1 to ${maxStatisticsMonths} months` })
    )
  )
})
/** @category statistics */
export type StatisticsQuery = typeof StatisticsQuery.Type
