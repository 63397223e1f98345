"""Hostile uploads are refused, name the file, and leave the case and the disk as they were."""

import io
import os
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files import File
from django.test.client import encode_multipart

from sellerdesk.cases import evidence
from sellerdesk.cases.evidence import MAX_ZIP_ENTRIES, EvidenceRejected, add_evidence, check_upload
from sellerdesk.cases.models import Evidence
from tests import evidence_samples as samples

HOSTILE = ["wrong extension", "empty", "zip bomb", "tight ratio", "bomb as xlsx", "nested archive", "zip slip",
           "too many entries", "fake docx", "macros", "damaged zip", "binary csv", "exe as txt", "not allowed", "svg",
           "png as jpg"]


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A few hundred bytes that unpack to 300 MB of zeros."""
    return samples.zeros_bomb(300)


@pytest.fixture(scope="module")
def hostile(bomb) -> dict[str, tuple[str, bytes]]:
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"скан_{i}.txt", b"")
    return {
        "wrong extension": ("Акт_приёмки.pdf", samples.exe()),
        "empty": ("пустой_акт.pdf", b""),
        "zip bomb": ("отчёт_wb.zip", bomb),
        "tight ratio": ("выгрузка.zip", samples.zeros_bomb(64, zipfile.ZIP_DEFLATED)),
        "bomb as xlsx": ("Удержания.xlsx", bomb),
        "nested archive": ("архив.zip", samples.make_zip({"внутри.zip": samples.make_zip({"a.txt": b"1"})})),
        "zip slip": ("фото.zip", samples.make_zip({"../../../etc/cron.d/evil": b"* * * * * root sh"})),
        "too many entries": ("сканы.zip", many.getvalue()),
        "fake docx": ("Претензия.docx", samples.make_zip({"a.txt": "привет".encode()})),
        "macros": ("Расчёт.xlsx", samples.make_zip({"[Content_Types].xml": b"<Types/>",
                                                     "xl/workbook.xml": b"<workbook/>",
                                                     "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"})),
        "damaged zip": ("сломан.zip", b"PK\x03\x04" + b"\x00" * 40),
        "binary csv": ("заказы.csv", b"12345678-0001-1;1540\n\x00\x00\x01\x02"),
        "exe as txt": ("readme.txt", samples.exe()),
        "not allowed": ("счёт\u202efdp.exe", samples.exe()),
        "svg": ("логотип.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        "png as jpg": ("фото.jpg", samples.png()),
    }


def _assert_nothing_changed(case, settings, updated_at, events):
    case.refresh_from_db()
    assert not Evidence.objects.exists()
    assert case.updated_at == updated_at
    assert list(case.events.values_list("id", flat=True)) == events
    assert samples.files_under(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("which", HOSTILE)
def test_it_refuses_a_hostile_file_and_changes_nothing(world, make_case, settings, hostile, which):
    case = make_case()
    before = (case.updated_at, list(case.events.values_list("id", flat=True)))
    name, content = hostile[which]
    with pytest.raises(EvidenceRejected) as refused:
        add_evidence(case, world.manager, samples.upload(name, content))
    shown = name.replace("\u202e", "")
    assert f"“{shown}”" in refused.value.message
    _assert_nothing_changed(case, settings, *before)


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "..\\..\\Windows\\win.ini.pdf", "/etc/passwd.pdf"])
def test_it_refuses_a_name_with_folders(world, make_case, settings, name):
    case = make_case()
    before = (case.updated_at, list(case.events.values_list("id", flat=True)))
    with pytest.raises(EvidenceRejected) as refused:
        add_evidence(case, world.manager, File(io.BytesIO(samples.pdf()), name=name))
    assert name in refused.value.message
    _assert_nothing_changed(case, settings, *before)


def test_it_refuses_a_file_over_the_limit(world, make_case, settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    case = make_case()
    before = (case.updated_at, list(case.events.values_list("id", flat=True)))
    with pytest.raises(EvidenceRejected) as refused:
        add_evidence(case, world.manager, samples.upload("скан_накладной.pdf", samples.pdf() + b"%" * 1000))
    assert "скан_накладной.pdf" in refused.value.message
    _assert_nothing_changed(case, settings, *before)


def test_it_counts_the_size_rather_than_trusting_it(settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    upload = samples.upload("скан.pdf", samples.pdf() + b"%" * 2000)
    upload.size = 10
    with pytest.raises(EvidenceRejected):
        check_upload(upload)


def test_the_upload_page_refuses_every_hostile_file_and_keeps_the_good_one(world, make_case, client_for,
                                                                           settings, hostile):
    assert sorted(hostile) == sorted(HOSTILE)
    case = make_case()
    files = [samples.upload(name, content) for name, content in hostile.values()]
    files.append(samples.upload("Акт_расхождений.pdf", samples.pdf()))
    response = client_for(world.manager).post(f"/w/sokolova/cases/{case.number}/evidence/", {"files": files})
    assert response.status_code == 302
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == len(hostile)
    assert list(case.evidence.values_list("original_name", flat=True)) == ["Акт_расхождений.pdf"]
    assert samples.files_under(settings.MEDIA_ROOT) == [f"{case.number}/Акт_расхождений.pdf"]


def test_the_upload_page_drops_an_oversized_file_while_it_arrives(world, make_case, client_for, settings):
    settings.EVIDENCE_MAX_BYTES = 100 * 1024
    case = make_case()
    big = samples.pdf() + b"%" * (300 * 1024)
    response = client_for(world.manager).post(f"/w/sokolova/cases/{case.number}/evidence/",
                                              {"files": [samples.upload("видео_вскрытия.pdf", big)]})
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and "видео_вскрытия.pdf" in errors[0]
    assert response.wsgi_request.FILES.getlist("files") == []  # never received in full
    assert not Evidence.objects.exists()
    assert samples.files_under(settings.MEDIA_ROOT) == []


def test_a_path_in_a_multipart_name_never_leaves_the_case_folder(world, make_case, client_for, settings):
    """Django strips the folders from a multipart file name before we see it; whatever remains is
    judged like any other file and can only land in the case folder."""
    case = make_case()
    body = encode_multipart("SellerDeskBoundary", {"files": samples.upload("placeholder.pdf", samples.exe())})
    body = body.replace(b'filename="placeholder.pdf"', b'filename="../../etc/passwd.pdf"')
    assert b'filename="../../etc/passwd.pdf"' in body
    response = client_for(world.manager).post(f"/w/sokolova/cases/{case.number}/evidence/", body,
                                              content_type="multipart/form-data; boundary=SellerDeskBoundary")
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1 and "passwd.pdf" in errors[0]
    assert samples.files_under(settings.MEDIA_ROOT.parent) == []


def test_a_failure_after_writing_leaves_no_file(world, make_case, settings, monkeypatch):
    def broken_log(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(evidence, "log_event", broken_log)
    case = make_case()
    with pytest.raises(RuntimeError):
        add_evidence(case, world.manager, samples.upload("акт.pdf", samples.pdf()))
    assert not Evidence.objects.exists()
    assert samples.files_under(settings.MEDIA_ROOT) == []


def test_two_uploads_of_one_file_at_once_keep_one(world, make_case, settings, monkeypatch):
    """The second upload passes the duplicate check before the first is saved; the database's
    unique constraint catches it, and its file is removed again."""
    case = make_case()
    first = add_evidence(case, world.owner, samples.upload("акт.pdf", samples.pdf()))
    real = evidence._existing
    calls = []

    def not_yet_saved(*args):
        calls.append(args)
        return real(*args) if len(calls) > 1 else None

    monkeypatch.setattr(evidence, "_existing", not_yet_saved)
    with pytest.raises(evidence.DuplicateEvidence) as refused:
        add_evidence(case, world.manager, samples.upload("акт (1).pdf", samples.pdf()))
    assert refused.value.existing == first and len(calls) == 2
    assert samples.files_under(settings.MEDIA_ROOT) == [first.file.name]


def test_it_refuses_an_archive_that_unpacks_past_the_limit(world, make_case, settings):
    settings.EVIDENCE_MAX_UNPACKED_BYTES = 1024 * 1024
    case = make_case()
    scans = {f"скан_{i}.jpg": os.urandom(400 * 1024) for i in range(3)}  # incompressible, 1.2 MB
    with pytest.raises(EvidenceRejected) as refused:
        add_evidence(case, world.manager, samples.upload("сканы.zip", samples.make_zip(scans, zipfile.ZIP_STORED)))
    assert "сканы.zip" in refused.value.message
    assert samples.files_under(settings.MEDIA_ROOT) == []
