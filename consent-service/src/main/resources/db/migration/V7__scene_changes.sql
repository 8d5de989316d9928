-- Tells every instance's check cache which likenesses changed: one NOTIFY per changed likeness
-- (delivered on commit, duplicates within a transaction folded by PostgreSQL), or '*' when a
-- statement touched so many that forgetting everything is cheaper. "changed" is the statement's
-- transition table; the likeness id is "id" in one table, "likeness_id" in the others (static
-- SQL in each function: its plan is kept, unlike EXECUTE's).
--
-- Updates that cannot change a check's answer notify nothing: a draft moves its likeness' ledger
-- head and counts a use of an unbounded grant hundreds of times a second, and a transaction that
-- notifies takes PostgreSQL's cluster-wide notify lock until its commit is flushed, so notifying
-- for those would serialise every draft registration.
CREATE FUNCTION notify_scenes(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(ids) > 100 THEN
        PERFORM pg_notify('consent_scene', '*');
    ELSIF ids IS NOT NULL THEN
        PERFORM pg_notify('consent_scene', id::text) FROM unnest(ids) id;
    END IF;
END
$$;

CREATE FUNCTION likeness_scene_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM notify_scenes((SELECT array_agg(DISTINCT id) FROM changed));
    RETURN NULL;
END
$$;

CREATE FUNCTION related_scene_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM notify_scenes((SELECT array_agg(DISTINCT likeness_id) FROM changed));
    RETURN NULL;
END
$$;

-- Everything but the ledger head and the time of the last change.
CREATE FUNCTION likeness_decision_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM notify_scenes((SELECT array_agg(DISTINCT c.id) FROM changed c JOIN previous p USING (id)
        WHERE to_jsonb(c) - '{ledger_seq,ledger_hash,updated_at}'::text[]
              IS DISTINCT FROM to_jsonb(p) - '{ledger_seq,ledger_hash,updated_at}'::text[]));
    RETURN NULL;
END
$$;

-- Everything but the use count, unless the grant has a maximum the count approaches.
CREATE FUNCTION grant_decision_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM notify_scenes((SELECT array_agg(DISTINCT c.likeness_id) FROM changed c JOIN previous p USING (id)
        WHERE to_jsonb(c) - 'uses' IS DISTINCT FROM to_jsonb(p) - 'uses'
           OR (c.max_uses IS NOT NULL AND c.uses IS DISTINCT FROM p.uses)));
    RETURN NULL;
END
$$;

-- A trigger with a transition table fires on one kind of event only, hence three per table.
CREATE TRIGGER likeness_inserted AFTER INSERT ON likeness REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION likeness_scene_changed();
CREATE TRIGGER likeness_updated AFTER UPDATE ON likeness REFERENCING OLD TABLE AS previous NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION likeness_decision_changed();
CREATE TRIGGER likeness_deleted AFTER DELETE ON likeness REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION likeness_scene_changed();

CREATE TRIGGER grant_inserted AFTER INSERT ON consent_grant REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION related_scene_changed();
CREATE TRIGGER grant_updated AFTER UPDATE ON consent_grant REFERENCING OLD TABLE AS previous NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION grant_decision_changed();
CREATE TRIGGER grant_deleted AFTER DELETE ON consent_grant REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION related_scene_changed();

CREATE TRIGGER block_inserted AFTER INSERT ON block REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION related_scene_changed();
CREATE TRIGGER block_updated AFTER UPDATE ON block REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION related_scene_changed();
CREATE TRIGGER block_deleted AFTER DELETE ON block REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION related_scene_changed();
