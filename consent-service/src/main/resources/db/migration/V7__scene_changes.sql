-- Tells every instance's check cache which likenesses changed: one NOTIFY per changed likeness
-- (delivered on commit, duplicates within a transaction folded by PostgreSQL), or '*' when a
-- statement touched so many that forgetting everything is cheaper. TG_ARGV[0] names the column
-- holding the likeness id; "changed" is the statement's transition table.
CREATE FUNCTION scene_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[];
BEGIN
    EXECUTE format('SELECT array_agg(DISTINCT %I) FROM changed', TG_ARGV[0]) INTO ids;
    IF cardinality(ids) > 100 THEN
        PERFORM pg_notify('consent_scene', '*');
    ELSIF ids IS NOT NULL THEN
        PERFORM pg_notify('consent_scene', id::text) FROM unnest(ids) id;
    END IF;
    RETURN NULL;
END
$$;

-- A trigger with a transition table fires on one kind of event only, hence three per table.
CREATE TRIGGER likeness_inserted AFTER INSERT ON likeness REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('id');
CREATE TRIGGER likeness_updated AFTER UPDATE ON likeness REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('id');
CREATE TRIGGER likeness_deleted AFTER DELETE ON likeness REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('id');

CREATE TRIGGER grant_inserted AFTER INSERT ON consent_grant REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('likeness_id');
CREATE TRIGGER grant_updated AFTER UPDATE ON consent_grant REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('likeness_id');
CREATE TRIGGER grant_deleted AFTER DELETE ON consent_grant REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('likeness_id');

CREATE TRIGGER block_inserted AFTER INSERT ON block REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('likeness_id');
CREATE TRIGGER block_updated AFTER UPDATE ON block REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('likeness_id');
CREATE TRIGGER block_deleted AFTER DELETE ON block REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scene_changed('likeness_id');
