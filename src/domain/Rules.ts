/**
 * The catalogue of domain rules this package enforces, each with a stable id.
 *
 * Every typed failure names the rule it enforces by id, every rule has a test whose name starts
 * with its id, and the guide in `docs/domain.md` lists them. Search the source tree for an id to
 * find where a rule lives.
 *
 * @module
 */
import { Schema } from "effect"

/**
 * One rule: the section of the specification it comes from and what it says.
 *
 * @category models
 */
export interface Rule {
  /** The section of the specification (`SPEC.md`) the rule comes from. */
  readonly section: string
  /** The rule in one sentence. */
  readonly text: string
}

/**
 * Every rule of the domain model, keyed by id.
 *
 * @category catalogue
 */
export const Rules = {
  // 1. Tenancy and identity
  "tenant.isolation": {
    section: "1",
    text: "Every command and query names its tenant and never reads or changes another tenant's data; a customer of another tenant is not found, never forbidden."
  },
  "tenant.customer-number": {
    section: "1",
    text: "Customer numbers are allocated through a port, unique per tenant and never reused, not even after deletion."
  },
  "tenant.email-unique": {
    section: "1",
    text: "An email belongs to at most one live customer per tenant, compared after trimming and lower-casing; a deleted or anonymized customer frees it."
  },
  "tenant.private-counters": {
    section: "1",
    text: "No cursor, feed position or id a caller sees carries a counter shared by tenants: a tenant cannot learn another tenant's write volume from what it is handed."
  },
  "identity.id-format": {
    section: "1",
    text: "Identifiers are opaque strings of 1 to 64 characters: letters, digits, '-', '_', ':' and '.'."
  },
  "identity.email-normalized": {
    section: "1",
    text: "Emails are compared case-insensitively after trimming: the normalized email is the uniqueness key."
  },

  // 2. The customer
  "customer.kind": {
    section: "2",
    text: "A customer is private or company; a company customer has a company name."
  },
  "customer.fields": {
    section: "2",
    text: "Profile fields are trimmed and checked: names 1 to 100 characters, title 1 to 50, a birthday a calendar date from 1900 on, a phone '+' and 6 to 15 digits."
  },
  "customer.profile-image-file": {
    section: "1",
    text: "A profile image or company logo is a PNG, JPEG, GIF or WebP file stored with the account; pointing it at any other file is refused."
  },
  "customer.email-format": {
    section: "2",
    text: "An email is a practical address: at most 254 characters, a local part of 1 to 64, '@' and a domain with a dot, no spaces."
  },
  "customer.data-change-diff": {
    section: "6",
    text: "A customer-data change lists exactly the fields whose value differs, each with before and after, for the activity tile."
  },
  "customer.personal-data-marked": {
    section: "2",
    text: "Every field holding personal data carries the personal-data mark in its Schema; export, anonymization and redaction follow the marks."
  },
  "customer.language-bcp47": {
    section: "2",
    text: "The language is a BCP 47 tag such as de, de-DE or en-GB."
  },

  // 3. Lifecycle status
  "status.transition-table": {
    section: "3",
    text: "Status changes follow the table: active, blocked and deactivated reach each other and anonymized; anonymized reaches nothing."
  },
  "status.no-change-to-current": {
    section: "3",
    text: "A change to the current status is rejected and nothing is recorded."
  },
  "status.anonymized-terminal": {
    section: "3",
    text: "Anonymized is terminal: no command leaves it."
  },
  "status.customer-only-unblocks-by-reset": {
    section: "3",
    text: "The only status change a customer may cause is blocked to active, by completing a password reset."
  },
  "status.history-row": {
    section: "3",
    text: "Every accepted change appends a history row (from, to, at, actor, optional reason); the overview's Details control exists exactly when the history is non-empty."
  },
  "status.product-access-separate": {
    section: "3",
    text: "Product access is a separate flag: blocking access keeps login; blocking when blocked or unblocking when unblocked is rejected."
  },
  "status.derived-permissions": {
    section: "3",
    text: "Can log in iff active; can buy iff active (and not anonymized); can receive mail iff not anonymized; editable iff not anonymized."
  },

  // 4. Consent
  "consent.transition-table": {
    section: "4",
    text: "Consent changes per channel follow the table of section 4."
  },
  "consent.never-back-to-none": {
    section: "4",
    text: "No change leads back to none."
  },
  "consent.no-change-to-current": {
    section: "4",
    text: "A change to the current consent state is rejected and nothing is recorded."
  },
  "consent.double-opt-in-needs-confirmation": {
    section: "4",
    text: "singleOptIn becomes doubleOptIn only with a confirmation time."
  },
  "consent.objection-lifted-only-by-customer": {
    section: "4",
    text: "After an objection, only the customer, with fresh consent, can opt in again."
  },
  "consent.record-is-proof": {
    section: "4",
    text: "Every change stores a consent record: channel, from, to, at, actor, source, text version, optional IP and user agent, and the confirmation time of a double opt-in."
  },
  "consent.can-market": {
    section: "4",
    text: "Email needs doubleOptIn; phone and messenger need single or double opt-in; post is allowed unless revoked or objection."
  },

  // 5. Actors
  "actor.exactly-one": {
    section: "5",
    text: "Every activity and history row names exactly one actor: api, system, supporter or customer, optionally on behalf of another."
  },
  "actor.on-behalf-not-nested": {
    section: "5",
    text: "An actor acts on behalf of a plain actor: on-behalf chains are one level deep, and nobody acts on behalf of itself."
  },

  // 6. Activities and files
  "activity.type-has-group": {
    section: "6",
    text: "Every activity type belongs to exactly one group and has a details Schema."
  },
  "activity.host-types-registered": {
    section: "6",
    text: "A host registers its own types with a group and a Schema; a type id is registered once; details are checked against the type's Schema."
  },
  "timeline.reader-language": {
    section: "6",
    text: "The timeline and the overview's newest activities show each summary rendered for the caller's locale (a BCP 47 tag on the caller, else the engine's default, English unless set) from the activity's language-neutral type and details; the stored summary stays as written."
  },
  "timeline.locale-fallback": {
    section: "6",
    text: "A reader's locale without renderers falls back to its language subtag (de-AT reads de), then to the default locale; a type without a renderer in the chosen locale shows its stored summary."
  },
  "timeline.names-not-ids": {
    section: "6",
    text: "Rendered summaries name records by what the account knows (an address by street and city, a bank account by its masked IBAN, a department or an invitation by name, the customer by name) instead of raw ids."
  },
  "timeline.intl-formatting": {
    section: "6",
    text: "Rendered summaries format money with Intl.NumberFormat in the currency style (minor units converted by the currency's digits) and dates with Intl.DateTimeFormat, in the reader's locale."
  },
  "timeline.builtin-renderers": {
    section: "6",
    text: "Every built-in activity type has an English and a German renderer."
  },
  "timeline.render-never-fails": {
    section: "6",
    text: "Rendering never throws: details that do not decode, a renderer that throws or returns nothing show the stored summary; a rendered summary is one clean line of 1 to 300 characters."
  },
  "timeline.no-erased-values": {
    section: "6",
    text: "A rendered summary never shows a personal value the anonymization erased: an anonymized account lends no names, and renderers read only the redacted details."
  },
  "timeline.host-locale": {
    section: "6",
    text: "A host adds a locale, or renderers for its own activity types, to the timeline's languages; a locale tag that is not BCP 47 is a typed ValidationError."
  },
  "file.size-limit": {
    section: "6",
    text: "A note's file is at most 819,200 bytes (800 KB)."
  },
  "file.type-from-signature": {
    section: "6",
    text: "A file's type is decided from its content's signature: PDF, PNG, JPEG, GIF, WebP, OOXML/ODF (zip) or OLE (legacy Office)."
  },
  "file.declared-type-must-match": {
    section: "6",
    text: "A file whose name or declared media type disagrees with its content's signature is rejected."
  },
  "file.structure-valid": {
    section: "13",
    text: "A file's whole structure is walked to its format's end (PDF startxref and %%EOF, PNG chunks with CRCs to IEND, JPEG segments to EOI, GIF blocks to the trailer, the WebP RIFF size, a consistent zip central directory, the OLE header, FAT and directory); a file that cannot be walked is refused."
  },
  "file.nothing-after-end": {
    section: "13",
    text: "Nothing follows a file's end marker (only whitespace after a PDF's last %%EOF); an executable, zip or script appended to an image or a document is refused."
  },
  "file.container-parts": {
    section: "13",
    text: "An Office Open XML or OpenDocument package holds only the parts its kind has ([Content_Types].xml, _rels/, docProps/, customXml/ and word/, xl/ or ppt/; mimetype first, META-INF/manifest.xml, content, styles, pictures)."
  },
  "file.no-executable-content": {
    section: "13",
    text: "A package holds no executable or script entry (.exe, .dll, .js, .vbs, .bat, .cmd, .ps1, .jar, .class, .sh, ..., ActiveX parts, ODF Scripts/)."
  },
  "file.no-macros": {
    section: "13",
    text: "A document holds no macros: no vbaProject.bin, vbaData.xml, macro-enabled content type or embedded document, ODF Basic/ or Dialogs/, OLE Macros, _VBA_PROJECT_CUR or VBA storage."
  },
  "file.name-safe": {
    section: "13",
    text: "A file name holds no path separator, is not . or .., holds no control, bidirectional or unpaired surrogate character, and has 1 to 255 UTF-8 bytes."
  },

  // 7. Addresses, bank accounts, additional data
  "address.country-iso": {
    section: "7",
    text: "An address's country is an ISO 3166-1 alpha-2 code."
  },
  "address.postal-code-per-country": {
    section: "7",
    text: "The postal code matches the country's format (DE, AT, CH, NL, FR, GB, US, and more)."
  },
  "address.name-or-company": {
    section: "7",
    text: "An address names a person (first and last name) or a company."
  },
  "address.one-preferred-per-kind": {
    section: "7",
    text: "At most one preferred address per kind (billing, delivery)."
  },
  "address.fields": {
    section: "7",
    text: "Address texts are trimmed and 1 to 100 characters (house number 1 to 20); unknown keys are rejected."
  },
  "address.known-id": {
    section: "7",
    text: "Preferring, changing or removing an address names an address of the account; an unknown id fails and changes nothing."
  },
  "iban.length-per-country": {
    section: "7",
    text: "An IBAN has the length its country prescribes."
  },
  "iban.national-layout": {
    section: "13",
    text: "An IBAN's national account number (BBAN) follows its country's layout of digits and letters (after the SWIFT IBAN registry, as the ibantools package holds it)."
  },
  "iban.mod97": {
    section: "7",
    text: "An IBAN's check digits satisfy ISO 7064 mod 97-10."
  },
  "iban.masked": {
    section: "7",
    text: "Activities show an IBAN only masked (country, check digits and the last four characters), in their details; summaries name a bank account by its id, never by its IBAN."
  },
  "bank-account.holder-length": {
    section: "7",
    text: "The account holder is 1 to 30 characters (SEPA)."
  },
  "bank-account.bic-format": {
    section: "7",
    text: "A BIC, when given, is 8 or 11 characters (ISO 9362); it is optional inside SEPA."
  },
  "mandate.reference-format": {
    section: "7",
    text: "A SEPA mandate reference is 1 to 35 characters of A-Z, a-z, 0-9 and + ? / - : ( ) . , ' and space; generated when missing."
  },
  "mandate.signature-date": {
    section: "7",
    text: "A mandate's signature date is a calendar date YYYY-MM-DD; a missing one becomes the day the account is added."
  },
  "bank-account.one-preferred": {
    section: "7",
    text: "An account with bank accounts has exactly one preferred: the first becomes preferred, and removing the preferred promotes the oldest remaining."
  },
  "bank-account.unique-iban": {
    section: "7",
    text: "A customer holds an IBAN at most once: adding an IBAN the customer already holds is refused and names the existing bank account."
  },
  "access-right.period": {
    section: "7",
    text: "A manual access right covers a period: a start, and an end after the start or none (until removed)."
  },
  "access-right.manual-only": {
    section: "7",
    text: "Only manual access rights are held, edited and removed in the account; others are the host's."
  },
  "additional-data.limits": {
    section: "7",
    text: "Additional data holds at most 50 keys; a key is 1 to 30 characters, a value at most 200."
  },
  "additional-data.replaced-whole": {
    section: "7",
    text: "Additional data is replaced as a whole; the activity lists the added, removed and changed keys with before and after."
  },
  "bank-account.known-id": {
    section: "7",
    text: "Preferring or removing a bank account names a bank account of the customer; an unknown id fails and changes nothing."
  },
  "goodwill.free-issues": {
    section: "7",
    text: "Free issues, 1 to 100, go to one active, issue-based subscription; a grant is irreversible."
  },
  "goodwill.subscription-active": {
    section: "7",
    text: "A free billing period goes to an existing, active subscription of the customer; a free redelivery that names a subscription names an existing one."
  },

  // 7. Commands (the engine)
  "command.atomic": {
    section: "7",
    text: "A command checks input, permission and state, then stores the new state and its activities in one atomic write, or changes nothing."
  },
  "command.optimistic-concurrency": {
    section: "7",
    text: "A write names the version it was decided on; a conflicting write fails with a typed conflict, and the engine retries a bounded number of times by reloading and deciding again."
  },
  "command.idempotency": {
    section: "7",
    text: "A command with an idempotency key runs once: a repeat returns the first result and changes nothing; the same key with other input is a typed conflict."
  },
  "command.no-op-refused": {
    section: "7",
    text: "A command that would change nothing (the same content, preferring the preferred record) is refused with a typed error; no empty activity is written."
  },
  "command.editable-only": {
    section: "3",
    text: "An anonymized account is locked: every edit fails with a typed locked error; only host activities such as invoice corrections are still recorded."
  },

  // 12. Effects outside the account, and repeats
  "command.idempotency-fingerprint": {
    section: "12",
    text: "An idempotency fingerprint is an HMAC-SHA-256 under the engine's secret key of the command, the actor and the input, bytes hashed as they are; a secret input takes part through its own keyed digest, never as plain text or placeholder, so a repeat with another secret is a conflict, never the first result."
  },
  "feed.commit-order": {
    section: "12",
    text: "The change feed lists every activity of a tenant once, in commit order, after a position the host keeps; an activity a concurrent writer committed late is never skipped, and a page never repeats an entry."
  },
  "feed.erasure": {
    section: "12",
    text: "The change feed carries each activity as stored now: an anonymization's redaction replaces its entries in place; a deletion takes the customer's entries out and leaves one deletion entry holding the tombstone, so no personal data survives erasure in the feed."
  },

  // 7. Compliance: delete, anonymize, export, password reset, login
  "delete.refused-with-transactional-data": {
    section: "7",
    text: "A deletion is refused while the host reports transactional data (orders, invoices, subscriptions, payments, external orders); the refusal names each kind and count, and nothing changes."
  },
  "delete.tombstone": {
    section: "7",
    text: "A deletion removes the account, its activities, idempotency records and file bytes and keeps only a tombstone (id, number, tenant, deleted at, deleted by); the email is free for a new registration."
  },
  "anonymize.marks-driven": {
    section: "2",
    text: "Anonymization erases or replaces every marked personal value of the account and of its activities' details (a redacted activity's summary becomes its type's label), keeps status and consent records as proof without personal data, keeps the customer's idempotency records, deletes the files' bytes and locks the account."
  },
  "anonymize.keeps-idempotency": {
    section: "12",
    text: "Anonymization keeps the customer's idempotency records (keyed fingerprints, results of ids and versions only): a repeat under an earlier key, a registration's included, returns its first result and never registers the erased person again."
  },
  "anonymize.idempotent": {
    section: "7",
    text: "Anonymizing an anonymized account changes nothing."
  },
  "anonymize.plan-without-values": {
    section: "7",
    text: "The anonymization plan lists what would be erased and what is kept, and why, by field path and record kind, never by value; the same code computes the plan and the anonymization."
  },
  "compliance.host-erasure": {
    section: "7",
    text: "Once an anonymization or deletion is stored, the customer's undelivered mails are withdrawn from the outbox, the credential host forgets the customer and the host is asked to erase its own personal data of the customer; a repeated command repeats these steps."
  },
  "export.complete": {
    section: "7",
    text: "The export holds every personal value the SDK holds for the customer (the IBAN in full), the host's sections and the tenant's statement of purposes, recipients and retention; exporting appends a data.exported activity."
  },
  "export.json-schema": {
    section: "7",
    text: "The export document's JSON Schema is generated from its Effect Schema and shipped in the package; a stale schema file fails the tests."
  },
  "secrets.never-recorded": {
    section: "7",
    text: "A one-time password travels only as a Redacted value from the credentials port to the outbox: never in an activity, an export, an error, an idempotency record or a log line."
  },
  "password-reset.one-time": {
    section: "3",
    text: "A password reset completes only with the customer's current one-time password, once; completing it makes a blocked customer active and changes no other status."
  },
  "two-factor.disable": {
    section: "7",
    text: "Disabling two-factor authentication goes through the credentials port and appends two-factor.disabled when a second factor was on; when none was on, nothing changes."
  },
  "login.uniform-refusal": {
    section: "3",
    text: "A login check refuses blocked, deactivated, anonymized, deleted and unknown customers alike (same error, fields and message); only the audit trail records why."
  },

  // 8. Permissions
  "permission.supporter-role": {
    section: "8",
    text: "A supporter acts within the permissions of its role."
  },
  "permission.api-scopes": {
    section: "8",
    text: "An API client acts within its scopes."
  },
  "permission.system-records-host-activities": {
    section: "8",
    text: "The system actor may record what host processes produce, and nothing else."
  },
  "permission.customer-self-service": {
    section: "8",
    text: "A customer acts only on its own account and only through self-service commands."
  },
  "permission.acting-principal": {
    section: "8",
    text: "An actor acting on behalf of another is authorized as itself: the acting principal needs the permission, never the one it acts for."
  },
  "permission.refusal-names-permission": {
    section: "8",
    text: "A refused command changes nothing and names the permission that was missing."
  },

  // 10. The service platform's customer view
  "service.company-only": {
    section: "10",
    text: "Branches, departments and invitations exist only for company customers; such a command on a private customer is refused with a typed error and changes nothing."
  },
  "department.tree": {
    section: "10",
    text: "A company's branches and departments form a tree: known parents, no cycle (a node never moves below itself), at most 8 levels and 500 nodes; every change is an activity."
  },
  "department.sibling-names-unique": {
    section: "10",
    text: "Names of branches and departments are unique among siblings, compared case-insensitively after trimming."
  },
  "department.branch-placement": {
    section: "10",
    text: "A branch sits at the top or under another branch; a department sits anywhere."
  },
  "department.remove-when-empty": {
    section: "10",
    text: "A branch or department is removed only when empty: no sub-departments, no team mapping for it, no pending invitation naming it and no linked device assigned to it."
  },
  "department.known-id": {
    section: "10",
    text: "A command naming a department names one of the account's departments."
  },
  "service-records.query-shape": {
    section: "10",
    text: "Devices, tickets, video sessions, tasks and task events are listed with one query shape: full-text search (every word, ignoring case), sort on a declared key with ties broken by id, filters on declared fields, cursor pagination."
  },
  "service-records.declared-fields": {
    section: "10",
    text: "A sort key or filter field a list does not declare is a typed error naming the list, the field and the declared ones; nothing is read."
  },
  "settings.modules-known": {
    section: "10",
    text: "Module switches name modules of the tenant's catalogue; a module without a switch follows the catalogue's default."
  },
  "settings.notification-recipients": {
    section: "10",
    text: "Notification recipients are valid email addresses, at most 20, de-duplicated case-insensitively keeping the first spelling."
  },
  "settings.operator-only": {
    section: "10",
    text: "Only an operator holding the notification permission (manage-notifications) changes a customer's service settings (module switches and notification settings); a customer never can."
  },
  "team-mapping.one-per-meta-team": {
    section: "10",
    text: "Per meta-team at most one team is mapped per customer, and per department for company customers; setting a mapping replaces the one before."
  },
  "team-mapping.known-team": {
    section: "10",
    text: "A team mapping names a meta-team of the tenant's catalogue and one of that meta-team's teams."
  },
  "team-mapping.default-fallback": {
    section: "10",
    text: "The responsible team is the department's mapping, else its nearest ancestor's, else the customer's, else the meta-team's default team in the tenant's catalogue."
  },
  "invitation.transition-table": {
    section: "10",
    text: "An invitation is sent once; a pending one may be accepted, revoked or resent; an expired one only resent; accepted and revoked are final."
  },
  "invitation.expires": {
    section: "10",
    text: "A pending invitation is expired from its expiry instant on, read from the clock; it can then no longer be accepted."
  },
  "invitation.pending-unique": {
    section: "10",
    text: "At most one invitation per email address (ignoring case) is pending in an account; inviting the address again is a typed conflict naming the pending invitation."
  },
  "invitation.departments-known": {
    section: "10",
    text: "The departments an invitation names are departments of the account, each once."
  },
  "invitation.known-id": {
    section: "10",
    text: "A command on an invitation names an invitation of the account."
  },
  "invitation.mail-queued": {
    section: "10",
    text: "Sending or resending an invitation queues one mail to the invitee through the outbox, after the account is stored, and only while the invitation is still pending."
  },
  "invitation.mail-withdrawn": {
    section: "10",
    text: "Once an invitation is revoked or accepted, its undelivered mails are withdrawn from the outbox; an invitation's mail is not delivered after the invitation expires."
  },
  "statistics.from-lists": {
    section: "10",
    text: "The per-customer statistics (devices, open tickets, tasks by status, video sessions per month) are counted through the same port and query shape as the lists, so they equal counts taken from the lists."
  },
  "effects.in-the-write": {
    section: "12",
    text: "A command's effects outside the account (mails, one-time passwords, two-factor, file bytes, erasure) are stored as intents in the same atomic write as its state and activities."
  },
  "effects.stable-key": {
    section: "12",
    text: "Every intent is carried out with one stable idempotency key, the same in every attempt, which the host port receives and honours by doing the effect once."
  },
  "effects.at-least-once": {
    section: "12",
    text: "A stored intent is carried out at least once: each attempt is recorded, a failed one is tried again after a back-off, and after the last attempt it is a dead letter the host can retry."
  },
  "effects.before-write-once": {
    section: "12",
    text: "A host call the decision needs first (an order, a goodwill hand-over, redeeming a one-time password) is recorded before it is made, under a key derived from the command's idempotency key, so it never runs twice for one command."
  },
  "effects.repeat-finishes": {
    section: "12",
    text: "A repeat under the same idempotency key returns the first result and carries out the first run's unfinished intents; it never repeats a finished effect."
  },
  "effects.no-undo-when-unknown": {
    section: "12",
    text: "When a write's outcome is unknown (a storage error, a defect, an interruption), nothing is undone: the stored intents decide what happened, and file bytes the account does not reference are dropped by an intent."
  },
  "effects.erasure-completes": {
    section: "12",
    text: "The erasure after a deletion or an anonymization is an intent that outlives the account, so repeating the command or draining completes it however often it failed."
  },
  "effects.drain": {
    section: "12",
    text: "The host drains a tenant's due intents through one entry point and sees each intent's attempts, next due instant, last error and dead-letter state."
  },
  "overview.service-tab-counts": {
    section: "9",
    text: "The overview's tab counts include the service platform's tabs: devices, tickets, video sessions, tasks (counted through the service records port) and invitations."
  },
  // 13. Input hygiene (harden-input)
  "caller.decoded": {
    section: "13",
    text: "Every command, query and the host's run decode the caller first: an unknown actor kind, a missing or malformed tenant, unknown keys or grants of the wrong shape (scopes as one string) are a typed ValidationError naming Caller and the path, never a crash and never a grant."
  },
  "command.idempotency-key-format": {
    section: "13",
    text: "An idempotency key is 1 to 200 printable ASCII characters; any other key (empty, longer, not a string) is a typed ValidationError naming IdempotencyKey, and the command runs not at all."
  },
  "command.expected-version": {
    section: "13",
    text: "A command may name the account version its caller saw (an HTTP If-Match); when the loaded account has another version it is refused with a VersionConflict naming both versions, never retried, and nothing is written; a new registration has version 0."
  },
  "input.readable": {
    section: "13",
    text: "Input is read once into plain data before it is decoded: a throwing getter or Proxy trap, a cycle or nesting deeper than 64 levels is a typed ValidationError naming the path, never a crash, and changes nothing."
  },
  "text.clean": {
    section: "13",
    text: "Every free-text field refuses control characters (C0, DEL, C1), line and paragraph separators, lone surrogates and bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) with a typed error naming the field."
  },
  "text.multiline": {
    section: "13",
    text: "Only multi-line note text additionally accepts tab, line feed and a carriage return directly before a line feed."
  },
  "text.refused-not-cut": {
    section: "13",
    text: "Text over its field's limit is refused with a typed error, never cut to fit."
  },
  "text.normalized": {
    section: "13",
    text: "Names, titles, company names and emails are stored in Unicode NFC, so that one name typed on two keyboards is one name; emails are compared by their NFC, trimmed, lower-cased key."
  },
  "anonymize.host-summary": {
    section: "13",
    text: "Anonymization replaces the summary of every activity with personal details, of built-in and host types alike, by its type's label: a host activity's free-text summary does not survive it."
  },
  "bank-account.iban-masked": {
    section: "13",
    text: "Read models (overview, account, timeline) show an IBAN masked, all but its country code, check digits and last four characters; only the export and a caller holding read-bank-details see the full number."
  }
} as const satisfies Record<string, Rule>

/**
 * The id of a rule in {@link Rules}.
 *
 * @category models
 */
export type RuleId = keyof typeof Rules

/**
 * All rule ids, in catalogue order.
 *
 * @category catalogue
 */
export const ruleIds: ReadonlyArray<RuleId> = Object.keys(Rules) as Array<RuleId>

/**
 * The Schema of a rule id: one of {@link ruleIds}. The `rule` field of every tagged error is one.
 *
 * @category models
 */
export const RuleIdSchema: Schema.Literals<ReadonlyArray<RuleId>> = Schema.Literals(ruleIds)
