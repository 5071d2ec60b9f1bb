/**
 * The decider shape every state machine of the domain follows.
 *
 * `decide` looks at a command and the current state and answers with the events that happen, or a
 * typed refusal; `evolve` folds one event into the state. Both are pure, so the engine only loads,
 * decides and stores, and tests read as given / when / then.
 *
 * @module
 */
import { Result } from "effect"

/**
 * A state machine as a pair of pure functions and an initial state.
 *
 * @category models
 */
export interface Decider<Command, State, Event, Error> {
  /** The state before any event. */
  readonly initialState: State
  /** Answers a command with the events it causes, or with a typed refusal. Never throws. */
  readonly decide: (command: Command, state: State) => Result.Result<ReadonlyArray<Event>, Error>
  /** Folds one event into the state. Total over every event `decide` can return. */
  readonly evolve: (state: State, event: Event) => State
}

/**
 * The outcome of an accepted command: the events it caused and the state after them.
 *
 * @category models
 */
export interface Decided<State, Event> {
  /** The events, in order. */
  readonly events: ReadonlyArray<Event>
  /** The state after folding the events. */
  readonly state: State
}

/**
 * Decides a command and folds its events into the state.
 *
 * @category running
 */
export const handle = <Command, State, Event, Error>(
  decider: Decider<Command, State, Event, Error>,
  state: State,
  command: Command
): Result.Result<Decided<State, Event>, Error> =>
  Result.map(decider.decide(command, state), (events) => ({
    events,
    state: events.reduce(decider.evolve, state)
  }))

/**
 * Rebuilds a state from its events, starting at the initial state.
 *
 * @category running
 */
export const replay = <Command, State, Event, Error>(
  decider: Decider<Command, State, Event, Error>,
  events: Iterable<Event>,
  from: State = decider.initialState
): State => {
  let state = from
  for (const event of events) state = decider.evolve(state, event)
  return state
}
