"""The schedules name tasks that exist and run: the sweep, the offer reminders, hours and
certificates."""

from django.utils.module_loading import import_string

from coop.schedules import SCHEDULES, apply_schedules


def test_notification_schedules_run(db):
    taken = {p.name: p for p in SCHEDULES if p.func.startswith("coop.notificaties.")}
    assert set(taken) == {
        "berichten-versturen",
        "aanbod-herinneren",
        "uren-herinneren",
        "certificaat-herinneren",
        "links-opruimen",
    }
    assert taken["berichten-versturen"].minutes == 1
    for planning in taken.values():
        assert import_string(planning.func)() == 0  # nothing waits in an empty database
    from django_q.models import Schedule

    apply_schedules()
    assert Schedule.objects.filter(name__in=taken).count() == 5
