"""Re-encrypt every encrypted field with the first FIELD_ENCRYPTION_KEY and recompute the
blind indexes, so an old key can then be removed. Safe to run again; safe beside a running
site (each value is replaced only if it is still the ciphertext that was read)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from coop.core.fields import EncryptedCharField, blind_index, herversleutel

PER_KEER = 500


def versleutelde_velden():
    for model in apps.get_models():
        velden = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
        if velden:
            yield model, velden


class Command(BaseCommand):
    help = (
        "Versleutelt elk versleuteld veld (BSN, IBAN) opnieuw met de eerste sleutel uit "
        "FIELD_ENCRYPTION_KEY en herberekent de BSN-index; daarna kan een oude sleutel weg."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--proef", action="store_true", help="Alleen tellen wat opnieuw moet, niets wijzigen."
        )

    def handle(self, *args, proef: bool, **options):
        for model, velden in versleutelde_velden():
            for veld in velden:
                gedaan, al_goed = self._roteer(model, veld, proef)
                self.stdout.write(
                    f"{model._meta.label}.{veld.name}: "
                    f"{gedaan} {'te versleutelen' if proef else 'opnieuw versleuteld'}, "
                    f"{al_goed} al met de eerste sleutel"
                )
        gewijzigd = self._indexen(proef)
        self.stdout.write(
            f"werknemers.Werknemer.bsn_index: {gewijzigd} "
            f"{'te herberekenen' if proef else 'herberekend'}"
        )

    def _roteer(self, model, veld, proef: bool) -> tuple[int, int]:
        q = connection.ops.quote_name
        tabel, kolom, pk = (
            q(model._meta.db_table),
            q(veld.column),
            q(model._meta.pk.column),
        )
        gedaan = al_goed = 0
        laatste = None
        while True:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    waar = f"WHERE {pk} > %s " if laatste is not None else ""
                    cursor.execute(
                        f"SELECT {pk}, {kolom} FROM {tabel} {waar}ORDER BY {pk} LIMIT %s",
                        [laatste, PER_KEER] if laatste is not None else [PER_KEER],
                    )
                    rijen = cursor.fetchall()
                    for sleutel, token in rijen:
                        nieuw = herversleutel(token) if token else None
                        if nieuw is None:
                            al_goed += bool(token)
                            continue
                        gedaan += 1
                        if not proef:
                            cursor.execute(
                                f"UPDATE {tabel} SET {kolom} = %s WHERE {pk} = %s AND {kolom} = %s",
                                [nieuw, sleutel, token],
                            )
            if len(rijen) < PER_KEER:
                return gedaan, al_goed
            laatste = rijen[-1][0]

    def _indexen(self, proef: bool) -> int:
        from werknemers.models import Werknemer

        gewijzigd = 0
        for werknemer in Werknemer.objects.only("pk", "bsn", "bsn_index").iterator(PER_KEER):
            nieuw = blind_index(werknemer.bsn)
            if nieuw != werknemer.bsn_index:
                gewijzigd += 1
                if not proef:
                    Werknemer.objects.filter(pk=werknemer.pk).update(bsn_index=nieuw)
        return gewijzigd
