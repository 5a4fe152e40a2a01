-- Issue 14: the actor cache. Every change that can end a session or change what a signed-in person may do — a
-- session ended or its token rotated, an account's name, password, status or must-change flag, a role granted or
-- revoked, an organisation moved — tells every app process at commit (NOTIFY jixiao_auth); each process drops its
-- cached actors. Whoever writes (the API, the CLI, another process, plain SQL), the triggers say it.
CREATE FUNCTION jixiao_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jixiao_auth', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed AFTER DELETE OR UPDATE OF token_hash, account_id, csrf_token, expires_at OR TRUNCATE
  ON sessions FOR EACH STATEMENT EXECUTE FUNCTION jixiao_auth_changed();
--> statement-breakpoint
CREATE TRIGGER accounts_auth_changed
  AFTER DELETE OR UPDATE OF id, username, display_name, password_hash, must_change_password, disabled OR TRUNCATE
  ON accounts FOR EACH STATEMENT EXECUTE FUNCTION jixiao_auth_changed();
--> statement-breakpoint
CREATE TRIGGER memberships_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON memberships FOR EACH STATEMENT EXECUTE FUNCTION jixiao_auth_changed();
--> statement-breakpoint
CREATE TRIGGER organisations_auth_changed AFTER DELETE OR UPDATE OF id, path OR TRUNCATE
  ON organisations FOR EACH STATEMENT EXECUTE FUNCTION jixiao_auth_changed();
