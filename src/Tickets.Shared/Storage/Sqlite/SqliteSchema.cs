namespace Tickets.Storage.Sqlite;

/// <summary>Forward-only migrations; each runs once, in its own transaction.</summary>
internal static class SqliteSchema
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "identity", """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                dni TEXT NOT NULL UNIQUE,
                phone TEXT NOT NULL,
                first_names TEXT NOT NULL,
                last_names TEXT NOT NULL,
                department TEXT NOT NULL,
                role TEXT NOT NULL,
                active INTEGER NOT NULL,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_login_at INTEGER NULL,
                version INTEGER NOT NULL,
                sort_name TEXT NOT NULL,
                search_text TEXT NOT NULL
            );
            CREATE INDEX ix_users_sort ON users (sort_name, id);
            CREATE INDEX ix_users_role_active ON users (role, active, sort_name, id);
            CREATE INDEX ix_users_department ON users (department COLLATE NOCASE, sort_name, id);

            CREATE TABLE refresh_tokens (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                family_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                spent_at INTEGER NULL,
                revoked_at INTEGER NULL
            );
            CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
            CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);

            CREATE TABLE login_failures (
                email TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX ix_login_failures ON login_failures (email, at)
            """),
        new(2, "tickets", """
            CREATE TABLE counters (
                name TEXT PRIMARY KEY,
                value INTEGER NOT NULL
            );

            -- The ticket document plus the columns its filters, sorts, search and stats need.
            CREATE TABLE tickets (
                id TEXT PRIMARY KEY,
                number INTEGER NOT NULL UNIQUE,
                status TEXT NOT NULL,
                priority_rank INTEGER NOT NULL,
                category TEXT NULL,
                requester_id TEXT NOT NULL,
                assignee_id TEXT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                first_response_at INTEGER NULL,
                resolved_at INTEGER NULL,
                first_response_due INTEGER NOT NULL,
                resolution_due INTEGER NOT NULL,
                sla_due INTEGER NOT NULL,
                deleted INTEGER NOT NULL,
                search_text TEXT NOT NULL,
                etag TEXT NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE INDEX ix_tickets_created ON tickets (deleted, created_at, id);
            CREATE INDEX ix_tickets_updated ON tickets (deleted, updated_at, id);
            CREATE INDEX ix_tickets_priority ON tickets (deleted, priority_rank, created_at, id);
            CREATE INDEX ix_tickets_sla_due ON tickets (deleted, sla_due, id);
            CREATE INDEX ix_tickets_status ON tickets (status, created_at, id);
            CREATE INDEX ix_tickets_assignee ON tickets (assignee_id, created_at, id);
            CREATE INDEX ix_tickets_requester ON tickets (requester_id, created_at, id);
            CREATE INDEX ix_tickets_category ON tickets (category, created_at, id);

            CREATE TABLE ticket_comments (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                seq INTEGER NOT NULL,
                internal INTEGER NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE UNIQUE INDEX ix_ticket_comments_order ON ticket_comments (ticket_id, seq);

            CREATE TABLE ticket_events (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                seq INTEGER NOT NULL,
                type TEXT NOT NULL,
                internal INTEGER NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE UNIQUE INDEX ix_ticket_events_order ON ticket_events (ticket_id, seq);

            CREATE TABLE idempotency (
                key TEXT PRIMARY KEY,
                request_hash TEXT NOT NULL,
                response TEXT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE INDEX ix_idempotency_expires ON idempotency (expires_at)
            """),
        new(3, "messaging", """
            -- Queue messages written with the ticket change that produced them; removed once the queue has them.
            CREATE TABLE outbox (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL,
                queue TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                visible_at INTEGER NULL
            );
            CREATE INDEX ix_outbox_created ON outbox (created_at, id);

            CREATE TABLE notifications (
                id TEXT PRIMARY KEY,
                recipient_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                read_at INTEGER NULL,
                emailed_at INTEGER NULL,
                doc TEXT NOT NULL
            );
            CREATE INDEX ix_notifications_recipient ON notifications (recipient_id, created_at, id);
            CREATE INDEX ix_notifications_unread ON notifications (recipient_id, created_at, id) WHERE read_at IS NULL;

            ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'es';
            ALTER TABLE users ADD COLUMN email_notifications INTEGER NOT NULL DEFAULT 1
            """),
        new(4, "security", """
            -- Security stamp, ended sessions and recent sign-in addresses (keyed hashes) per account; existing accounts start
            -- with an empty stamp, as do their refresh tokens, so sessions survive the upgrade.
            ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
            ALTER TABLE users ADD COLUMN ended_sessions TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE users ADD COLUMN sign_in_addresses TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE refresh_tokens ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
            ALTER TABLE refresh_tokens ADD COLUMN session_started_at INTEGER NULL;

            -- Password attempts: a sliding window of claimed attempts per key, and fixed one-minute counters per key.
            DROP TABLE login_failures;
            CREATE TABLE throttle_attempts (
                key TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX ix_throttle_attempts_key ON throttle_attempts (key, at);
            CREATE INDEX ix_throttle_attempts_at ON throttle_attempts (at);
            CREATE TABLE throttle_counters (
                key TEXT NOT NULL,
                window_start INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (key, window_start)
            ) WITHOUT ROWID;
            CREATE INDEX ix_throttle_counters_expires ON throttle_counters (expires_at)
            """),
        new(5, "sla condition", """
            -- What lists need to filter on the SLA condition at any moment (SlaStanding): the phase of the running target
            -- and its warning point; its due time is sla_due. Existing rows get the same values the application would write,
            -- except that they have no warning point yet (it equals the due time, so they are never "at risk").
            ALTER TABLE tickets ADD COLUMN sla_phase TEXT NOT NULL DEFAULT 'running';
            ALTER TABLE tickets ADD COLUMN sla_warning INTEGER NOT NULL DEFAULT 0;
            UPDATE tickets SET sla_warning = sla_due, sla_phase = CASE
                WHEN status IN ('resolved', 'closed') THEN
                    CASE WHEN json_extract(doc, '$.sla.firstResponseBreached') = 1 OR json_extract(doc, '$.sla.resolutionBreached') = 1
                        THEN 'breached' ELSE 'met' END
                WHEN (CASE WHEN first_response_at IS NULL THEN json_extract(doc, '$.sla.firstResponseBreached')
                    ELSE json_extract(doc, '$.sla.resolutionBreached') END) = 1 THEN 'breached'
                WHEN json_extract(doc, '$.sla.pausedAt') IS NOT NULL THEN
                    -- julianday → .NET ticks (days since 0001-01-01 × ticks per day): put on hold after it was due is breached.
                    CASE WHEN sla_due <= CAST((julianday(json_extract(doc, '$.sla.pausedAt')) - 1721425.5) * 864000000000 AS INTEGER)
                        THEN 'breached' ELSE 'paused' END
                ELSE 'running' END;
            CREATE INDEX ix_tickets_sla_condition ON tickets (deleted, sla_phase, sla_warning, sla_due)
            """),
        new(6, "password links", """
            -- Set-password links (forgot password, invitations): only the SHA-256 of the secret; used once, until expires_at,
            -- and only while the account keeps security_stamp.
            CREATE TABLE password_tokens (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                purpose TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER NULL,
                security_stamp TEXT NOT NULL
            );
            CREATE INDEX ix_password_tokens_expires ON password_tokens (expires_at)
            """),
        new(7, "password link e-mail sent", """
            -- When the link's e-mail went out: a second delivery of its queue message does not send it again.
            ALTER TABLE password_tokens ADD COLUMN emailed_at INTEGER NULL
            """),
        new(8, "idempotency leases", """
            -- An Idempotency-Key claim is a lease from claimed_at: unfinished and older than the lease, the next request with
            -- the same key and body takes it over. resource_id is the id of what the request makes, the same for every
            -- holder. Claims from before this migration read as claimed at 0, lapsed, so no key stays blocked.
            ALTER TABLE idempotency ADD COLUMN claimed_at INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE idempotency ADD COLUMN resource_id TEXT NULL
            """),
        new(9, "newer links and pending registrations", """
            -- A newer link ends the account's earlier unused ones (replaced_at).
            ALTER TABLE password_tokens ADD COLUMN replaced_at INTEGER NULL;
            CREATE INDEX ix_password_tokens_user ON password_tokens (user_id);
            -- Registrations waiting for their e-mailed link: not accounts yet (they claim no e-mail or DNI); only the
            -- SHA-256 of the link's secret; a newer registration for the same e-mail replaces the older ones.
            CREATE TABLE pending_registrations (
                token_hash TEXT PRIMARY KEY,
                email TEXT NOT NULL,
                dni TEXT NOT NULL,
                phone TEXT NOT NULL,
                first_names TEXT NOT NULL,
                last_names TEXT NOT NULL,
                department TEXT NOT NULL,
                language TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER NULL,
                replaced_at INTEGER NULL,
                emailed_at INTEGER NULL
            );
            CREATE INDEX ix_pending_registrations_email ON pending_registrations (email);
            CREATE INDEX ix_pending_registrations_expires ON pending_registrations (expires_at)
            """),
        new(10, "admin audit log", """
            -- Append-only; written in the transaction of the management change it records. Newest first, by time then id.
            CREATE TABLE audit_entries (
                id TEXT PRIMARY KEY,
                at INTEGER NOT NULL,
                actor_id TEXT NOT NULL,
                actor_name TEXT NOT NULL,
                action TEXT NOT NULL,
                target_type TEXT NOT NULL,
                target_id TEXT NOT NULL,
                target_name TEXT NOT NULL,
                before TEXT NULL,
                after TEXT NULL
            );
            CREATE INDEX ix_audit_at ON audit_entries (at DESC, id DESC);
            CREATE INDEX ix_audit_actor ON audit_entries (actor_id, at DESC, id DESC);
            CREATE INDEX ix_audit_target ON audit_entries (target_type, target_id, at DESC, id DESC);
            CREATE INDEX ix_audit_action ON audit_entries (action, at DESC, id DESC)
            """),
        new(11, "teams and categories", """
            -- Teams and categories as data (each a JSON document with its ETag); categories list in their order.
            CREATE TABLE teams (
                id TEXT PRIMARY KEY,
                etag TEXT NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE TABLE categories (
                id TEXT PRIMARY KEY,
                position INTEGER NOT NULL,
                etag TEXT NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE INDEX ix_categories_position ON categories (position, id);
            -- Each team's round-robin turn: one row per team, incremented under the single writer (fair across instances).
            CREATE TABLE team_turns (
                team_id TEXT PRIMARY KEY,
                value INTEGER NOT NULL
            );
            -- The team a ticket is in, for the team filter and "my teams" (existing tickets are in none).
            ALTER TABLE tickets ADD COLUMN team_id TEXT NULL;
            CREATE INDEX ix_tickets_team ON tickets (team_id, created_at, id)
            """),
        new(12, "sla policies and business calendars", """
            -- A policy's head: its newest version (JSON) and entity tag; every version is kept, since running tickets use theirs.
            CREATE TABLE sla_policies (
                id TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                is_default INTEGER NOT NULL,
                etag TEXT NOT NULL,
                body TEXT NOT NULL
            );
            CREATE TABLE sla_policy_versions (
                policy_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (policy_id, version)
            );
            CREATE TABLE calendars (
                id TEXT PRIMARY KEY,
                etag TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                body TEXT NOT NULL
            )
            """),
        new(13, "notification contents, coalesced e-mail and time zones", """
            -- What a notification tells (written in the reader's language when read) and when its e-mail is due; the
            -- ticket names the (recipient, ticket) pair whose pending notifications go out as one e-mail.
            ALTER TABLE notifications ADD COLUMN ticket_id TEXT NULL;
            ALTER TABLE notifications ADD COLUMN content TEXT NULL;
            ALTER TABLE notifications ADD COLUMN email_due_at INTEGER NULL;
            CREATE INDEX ix_notifications_email_pending ON notifications (email_due_at, recipient_id, ticket_id)
                WHERE email_due_at IS NOT NULL AND emailed_at IS NULL;
            -- The person's IANA time zone; null: the organisation's default.
            ALTER TABLE users ADD COLUMN time_zone TEXT NULL
            """),
        new(15, "invitation pending", """
            -- An account an admin invited (no password given) whose owner has not chosen a password yet. Accounts invited
            -- before this column existed are marked when the log shows an invitation, nobody ever signed in with them and
            -- none of their set-password links was used (a link is kept until it expires).
            ALTER TABLE users ADD COLUMN invitation_pending INTEGER NOT NULL DEFAULT 0;
            UPDATE users SET invitation_pending = 1
            WHERE last_login_at IS NULL
              AND EXISTS (SELECT 1 FROM audit_entries a WHERE a.action = 'user.invited' AND a.target_type = 'user' AND a.target_id = users.id)
              AND NOT EXISTS (SELECT 1 FROM password_tokens t WHERE t.user_id = users.id AND t.used_at IS NOT NULL)
            """),
        new(16, "attachments", """
            -- One row per upload: the file (doc: name, type, size, sha-256, uploader, time) and its claim in columns, which
            -- the claim checks and the sweep lists by. Unclaimed: no ticket_id. Claimed, not yet seen committed: no attached_at.
            CREATE TABLE uploads (
                id TEXT PRIMARY KEY,
                uploader_id TEXT NOT NULL,
                uploaded_at INTEGER NOT NULL,
                ticket_id TEXT NULL,
                comment_id TEXT NULL,
                internal INTEGER NOT NULL,
                claimed_at INTEGER NULL,
                attached_at INTEGER NULL,
                etag TEXT NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE INDEX ix_uploads_unreferenced ON uploads (uploaded_at, id) WHERE ticket_id IS NULL;
            CREATE INDEX ix_uploads_unconfirmed ON uploads (claimed_at, id) WHERE ticket_id IS NOT NULL AND attached_at IS NULL;

            -- The files on a ticket as its writes committed them (written in the change's transaction), in that order.
            CREATE TABLE ticket_attachments (
                id TEXT PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                comment_id TEXT NULL,
                seq INTEGER NOT NULL,
                internal INTEGER NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE INDEX ix_ticket_attachments_order ON ticket_attachments (ticket_id, seq)
            """),
        new(17, "inbound mail", """
            -- Each message the e-mail channel processed, by its key (a hash of its Message-ID): the same message again changes
            -- nothing. count_key is what the channel's figures group by (the refusal's reason, else the outcome). Admins read
            -- the newest first; records older than the dedupe window are deleted by processed_at.
            CREATE TABLE inbound_mail (
                id TEXT PRIMARY KEY,
                processed_at INTEGER NOT NULL,
                count_key TEXT NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE INDEX ix_inbound_mail_processed ON inbound_mail (processed_at, id);

            -- Where each polled mailbox stands (UIDVALIDITY, last UID, last poll), saved only over the version it was read at.
            CREATE TABLE mailboxes (
                name TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                doc TEXT NOT NULL
            )
            """),
        new(18, "ticket tags", """
            -- A ticket's tags (also in its document), one row each, written in the transaction of the ticket's change; a
            -- deleted ticket has none. The key serves the tag filter (tickets with a tag) and completion (tags by prefix);
            -- the second index, rewriting a ticket's set. No ticket had tags before: nothing to backfill.
            CREATE TABLE ticket_tags (
                tag TEXT NOT NULL,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                PRIMARY KEY (tag, ticket_id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_ticket_tags_ticket ON ticket_tags (ticket_id)
            """),
        new(19, "macros", """
            -- Canned responses (doc: the macro); owner and shared in columns, which the list filters by, sorted by name_key
            -- (the name folded).
            CREATE TABLE macros (
                id TEXT PRIMARY KEY,
                owner_id TEXT NOT NULL,
                shared INTEGER NOT NULL,
                name_key TEXT NOT NULL,
                etag TEXT NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE INDEX ix_macros_owner ON macros (owner_id, name_key, id);
            CREATE INDEX ix_macros_shared ON macros (name_key, id) WHERE shared = 1
            """),
        new(20, "saved views", """
            -- Saved views of the ticket list (doc: id, name, query, shared, owner). Staff read the shared ones and their own,
            -- by name; an add counts the owner's personal ones.
            CREATE TABLE saved_views (
                id TEXT PRIMARY KEY,
                owner_id TEXT NOT NULL,
                shared INTEGER NOT NULL,
                name_key TEXT NOT NULL,
                doc TEXT NOT NULL
            );
            CREATE INDEX ix_saved_views_owner ON saved_views (owner_id, shared);
            CREATE INDEX ix_saved_views_shared ON saved_views (shared, name_key)
            """),
        new(21, "ticket ccs and followers", """
            -- Who is copied on a ticket (role 'cc') and which staff follow it (role 'follower'), also in its document, one row
            -- each, written in the transaction of the ticket's change; a deleted ticket has none. The key serves "tickets I am
            -- copied on / follow" (the ticket list then reads them in its sort's order); the second index, rewriting a
            -- ticket's set. No ticket had either before: nothing to backfill.
            CREATE TABLE ticket_people (
                role TEXT NOT NULL,
                person_id TEXT NOT NULL,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                PRIMARY KEY (role, person_id, ticket_id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_ticket_people_ticket ON ticket_people (ticket_id)
            """),
        new(24, "satisfaction", """
            -- The requester's latest satisfaction rating of the ticket (also in its document), for reports to count without
            -- reading documents: 'good' or 'bad', and when it was given (ticks, UTC); NULL for never rated. Written with the
            -- ticket in every write. The partial index serves counts over a rating period. No ticket was rated before:
            -- nothing to backfill.
            ALTER TABLE tickets ADD COLUMN satisfaction_rating TEXT NULL;
            ALTER TABLE tickets ADD COLUMN satisfaction_at INTEGER NULL;
            CREATE INDEX ix_tickets_satisfaction ON tickets (satisfaction_at, satisfaction_rating) WHERE satisfaction_at IS NOT NULL
            """),
        new(25, "report facts", """
            -- The report projection of each live ticket (Tickets.Reports.TicketFacts), written in the transaction of every
            -- change to the ticket and removed when it is deleted: reports aggregate these narrow rows, never the documents.
            -- Minutes are counted on the ticket's SLA calendar; the met flags are 1 met, 0 breached, NULL not known yet, and
            -- sla_met combines both targets; satisfaction is the latest rating, 1 good, 0 bad, NULL none. Each filter (team, category) leads an index with the creation time, the
            -- partial indexes serve "resolved per day" (with or without a filter) and the backlog. Existing tickets are backfilled from their
            -- columns and documents, in elapsed minutes: business minutes are recorded from now on.
            CREATE TABLE ticket_facts (
                ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
                created_at INTEGER NOT NULL,
                priority_rank INTEGER NOT NULL,
                category TEXT,
                team_id TEXT,
                team_name TEXT,
                assignee_id TEXT,
                assignee_name TEXT,
                first_response_minutes INTEGER,
                resolution_minutes INTEGER,
                first_response_met INTEGER,
                resolution_met INTEGER,
                sla_met INTEGER,
                resolved_at INTEGER,
                resolved INTEGER NOT NULL,
                reopened INTEGER NOT NULL,
                open INTEGER NOT NULL,
                satisfaction INTEGER
            ) WITHOUT ROWID;
            CREATE INDEX ix_ticket_facts_created ON ticket_facts (created_at);
            CREATE INDEX ix_ticket_facts_team ON ticket_facts (team_id, created_at);
            CREATE INDEX ix_ticket_facts_category ON ticket_facts (category, created_at);
            CREATE INDEX ix_ticket_facts_resolved ON ticket_facts (resolved_at) WHERE resolved_at IS NOT NULL;
            CREATE INDEX ix_ticket_facts_team_resolved ON ticket_facts (team_id, resolved_at) WHERE resolved_at IS NOT NULL;
            CREATE INDEX ix_ticket_facts_category_resolved ON ticket_facts (category, resolved_at) WHERE resolved_at IS NOT NULL;
            CREATE INDEX ix_ticket_facts_open ON ticket_facts (created_at, team_id, category) WHERE open = 1;
            INSERT INTO ticket_facts
            SELECT id, created_at, priority_rank, category, team_id, json_extract(doc, '$.team.name'), assignee_id, json_extract(doc, '$.assignee.name'),
                fr_minutes, res_minutes, fr_met, res_met,
                CASE WHEN fr_met = 0 OR res_met = 0 THEN 0 WHEN fr_met = 1 AND res_met = 1 THEN 1 END,
                final_resolved_at, resolved_at IS NOT NULL OR reopened, reopened, status IN ('open', 'in_progress', 'on_hold'),
                CASE satisfaction_rating WHEN 'good' THEN 1 WHEN 'bad' THEN 0 END
            FROM (
                SELECT t.*,
                    (first_response_at - created_at) / 600000000 AS fr_minutes,
                    CASE WHEN status IN ('resolved', 'closed') THEN (resolved_at - created_at) / 600000000 END AS res_minutes,
                    CASE WHEN json_extract(doc, '$.sla.firstResponseBreached') THEN 0 WHEN first_response_at IS NOT NULL THEN 1 END AS fr_met,
                    CASE WHEN json_extract(doc, '$.sla.resolutionBreached') THEN 0
                        WHEN status IN ('resolved', 'closed') AND resolved_at IS NOT NULL THEN 1 END AS res_met,
                    CASE WHEN status IN ('resolved', 'closed') THEN resolved_at END AS final_resolved_at,
                    json_extract(doc, '$.sla.resolutionRestartedAt') IS NOT NULL AS reopened
                FROM tickets t WHERE deleted = 0
            )
            """),
        new(26, "notification digest and quiet hours", """
            -- How a person's notification e-mail goes out: instant or a daily digest at digest_hour (their zone), and the
            -- quiet hours (local HH:mm, both or neither) in which none is sent. Existing accounts keep instant, no quiet hours.
            ALTER TABLE users ADD COLUMN notification_mode TEXT NOT NULL DEFAULT 'instant';
            ALTER TABLE users ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 8;
            ALTER TABLE users ADD COLUMN quiet_from TEXT NULL;
            ALTER TABLE users ADD COLUMN quiet_to TEXT NULL
            """),
        new(27, "ticket tags keep the list's sort keys", """
            -- A tag's list walks its own rows in the sort's order: each row carries its ticket's sort keys (rewritten with
            -- every write of the ticket, like the rows themselves), so a common tag's newest page reads 25 rows, not
            -- every ticket with the tag (an IN list of 50,000 ids, built per request, at a million tickets), and a rare
            -- one's reads its few rows, not the whole ticket index.
            CREATE TABLE ticket_tags_sorted (
                tag TEXT NOT NULL,
                ticket_id TEXT NOT NULL REFERENCES tickets (id),
                sort_created INTEGER NOT NULL,
                sort_updated INTEGER NOT NULL,
                sort_priority INTEGER NOT NULL,
                sort_sla_due INTEGER NOT NULL,
                PRIMARY KEY (tag, ticket_id)
            ) WITHOUT ROWID;
            INSERT INTO ticket_tags_sorted (tag, ticket_id, sort_created, sort_updated, sort_priority, sort_sla_due)
                SELECT g.tag, g.ticket_id, t.created_at, t.updated_at, t.priority_rank, t.sla_due
                FROM ticket_tags g JOIN tickets t ON t.id = g.ticket_id;
            DROP TABLE ticket_tags;
            ALTER TABLE ticket_tags_sorted RENAME TO ticket_tags;
            CREATE INDEX ix_ticket_tags_ticket ON ticket_tags (ticket_id);
            CREATE INDEX ix_ticket_tags_created ON ticket_tags (tag, sort_created, ticket_id);
            CREATE INDEX ix_ticket_tags_updated ON ticket_tags (tag, sort_updated, ticket_id);
            CREATE INDEX ix_ticket_tags_priority ON ticket_tags (tag, sort_priority, sort_created, ticket_id);
            CREATE INDEX ix_ticket_tags_sla_due ON ticket_tags (tag, sort_sla_due, ticket_id)
            """),
    ];
}
