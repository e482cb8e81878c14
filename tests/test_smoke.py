def test_login_and_me(api_as, werknemer_user):
    anon = api_as(None)
    bad = anon.post("auth/login", {"username": "fatima", "password": "fout"})
    assert bad.status_code == 401
    assert "wachtwoord" in bad.body["detail"]
    ok = anon.post("auth/login", {"username": "fatima", "password": "geheim-wachtwoord-1"})
    assert ok.status_code == 200
    token = ok.body["token"]
    me = anon.get("auth/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.status_code == 200
    assert me.body == {"username": "fatima", "role": "werknemer"}
    assert anon.post("auth/logout", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 204
    assert anon.get("auth/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_token_is_stored_hashed(api_as, werknemer_user):
    from coop.core.models import ApiToken

    ok = api_as(None).post("auth/login", {"username": "fatima", "password": "geheim-wachtwoord-1"})
    stored = ApiToken.objects.get()
    assert stored.key_hash != ok.body["token"]
    assert ok.body["token"] not in stored.key_hash


def test_bsn_encrypted_at_rest(werknemer):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("select bsn, iban from werknemers_werknemer where id = %s", [werknemer.pk])
        raw_bsn, raw_iban = cur.fetchone()
    assert werknemer.bsn not in raw_bsn
    assert "NL91" not in raw_iban
    werknemer.refresh_from_db()
    assert werknemer.iban == "NL91ABNA0417164300"
