"""Measurements from CSV and Excel: every bad cell reported with file, row and column; nothing half-loaded."""

from __future__ import annotations

import pytest

from labkit.errors import InvalidDataError
from labkit.outcomes.measurements import dump_measurements_csv, load_measurements


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_semicolons_and_decimal_commas(tmp_path):
    path = write(
        tmp_path,
        "indicator;area;period;value;numerator;denominator\nbelief-in-future;Hageby;2019-H1;3,5;;20\n",
    )
    (m,) = load_measurements(path)
    assert (m.indicator, m.area, m.period, m.value, m.denominator) == (
        "belief-in-future",
        "Hageby",
        "2019-H1",
        3.5,
        20,
    )


def test_every_bad_cell_is_reported_with_row_and_column(tmp_path):
    path = write(
        tmp_path,
        "indicator,area,period,value,denominator\n"
        "participants,Hageby,2019,tio,\n"
        "Participants!,Hageby,2019,12,\n"
        "participants,,2019-13,12,\n"
        "participants,Hageby,2019,12,3.5\n",
    )
    with pytest.raises(InvalidDataError) as caught:
        load_measurements(path)
    got = [str(p) for p in caught.value.problems]
    assert got == [
        f"{path}:2: value: expected a number, got 'tio'",
        f"{path}:3: indicator: 'Participants!' is not a valid id: use lowercase letters a-z, digits and single hyphens, like 'safety-walk'",
        f"{path}:4: area: this cell is empty",
        f"{path}:4: period: '2019-13' is not a period like 2019, 2019-H1, 2019-Q3, 2019-05 or 2018/19",
        f"{path}:5: denominator: expected a whole number of people, got '3.5'",
    ]


def test_unknown_and_missing_columns(tmp_path):
    path = write(tmp_path, "indicator,area,perod,valeu\nparticipants,Hageby,2019,1\n")
    with pytest.raises(InvalidDataError) as caught:
        load_measurements(path)
    got = [str(p) for p in caught.value.problems]
    assert f"{path}:1: perod: unknown column 'perod' (did you mean 'period'?)" in got
    assert f"{path}:1: missing column(s): period, value" in got


def test_numerator_larger_than_denominator(tmp_path):
    path = write(
        tmp_path, "indicator,area,period,value,numerator,denominator\nparticipants,A,2019,50,12,10\n"
    )
    with pytest.raises(InvalidDataError, match="numerator \\(12\\) is larger than denominator \\(10\\)"):
        load_measurements(path)


def test_binary_and_empty_files(tmp_path):
    with pytest.raises(InvalidDataError, match="NUL"):
        load_measurements(write(tmp_path, "indicator\x00area", "bin.csv"))
    with pytest.raises(InvalidDataError, match="the file is empty"):
        load_measurements(write(tmp_path, "  \n", "empty.csv"))
    with pytest.raises(InvalidDataError, match="no such file"):
        load_measurements(tmp_path / "missing.csv")
    with pytest.raises(InvalidDataError, match=r"\.csv, \.xlsx"):
        load_measurements(write(tmp_path, "x", "data.txt"))


def test_windows_1252_csv_is_read(tmp_path):
    path = write(
        tmp_path, "indicator;area;period;value\nparticipants;Skärholmen;2019;12\n", encoding="cp1252"
    )
    (m,) = load_measurements(path)
    assert m.area == "Skärholmen"


def test_xlsx_cells_are_reported_by_column_letter(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["indicator", "area", "period", "value", "group"])
    sheet.append(["participants", "Hageby", 2019, 12, "women"])
    sheet.append(["participants", "Hageby", "2019", "many", None])
    path = tmp_path / "data.xlsx"
    book.save(path)
    with pytest.raises(InvalidDataError) as caught:
        load_measurements(path)
    (problem,) = caught.value.problems
    assert str(problem) == f"{path}[Data]:3: D (value): expected a number, got 'many'"
    sheet.delete_rows(3)
    book.save(path)
    (m,) = load_measurements(path)
    assert (m.period, m.value, m.group) == ("2019", 12.0, "women")


def test_csv_round_trip(tmp_path):
    path = write(
        tmp_path,
        "indicator,area,period,value,numerator,denominator,group,source,note\n"
        'participants,Hageby,2019-H2,0.1,1,10,women,Own survey,"a, b"\n',
    )
    first = load_measurements(path)
    again = load_measurements(dump_measurements_csv(first, tmp_path / "out.csv"))
    assert again == first


def test_windows_1252_fallback_never_replaces_bytes_silently(tmp_path):
    # 0x81 is undefined in Windows-1252 and invalid UTF-8: refused with the line, not turned into "?".
    path = tmp_path / "data.csv"
    path.write_bytes(
        b"indicator;area;period;value\nparticipants;Sk\xe4rholmen;2019;12\nparticipants;A\x81;2019;3\n"
    )
    with pytest.raises(InvalidDataError) as caught:
        load_measurements(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3: byte 0x81 is neither UTF-8 nor Windows-1252 text; save the file as CSV UTF-8"
    ]


def test_a_file_full_of_mistakes_lists_the_first_hundred_and_counts_the_rest(tmp_path):
    rows = "".join(f"participants,Hageby,2019,bad{k}\n" for k in range(5000))
    path = write(tmp_path, "indicator,area,period,value\n" + rows)
    with pytest.raises(InvalidDataError) as caught:
        load_measurements(path)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 101
    assert problems[0] == f"{path}:2: value: expected a number, got 'bad0'"
    assert problems[-1] == f"{path}: and 4900 more problems not listed (5000 in all)"


def test_an_xlsx_zip_bomb_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    import zipfile

    from labkit.outcomes import measurements

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 2**20))
    monkeypatch.setattr(measurements, "MAX_XLSX_BYTES", 2**20)
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(
        InvalidDataError, match=r"would unpack to 3 MB; labkit opens files that unpack to at most 1 MB"
    ):
        load_measurements(bomb)
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as archive:
        for k in range(12):
            archive.writestr(f"part{k}.xml", b"")
    monkeypatch.setattr(measurements, "MAX_XLSX_ENTRIES", 10)
    with pytest.raises(InvalidDataError, match="holds 12 parts; labkit opens files with up to 10"):
        load_measurements(many)
    assert opened == []
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InvalidDataError, match="not a readable Excel file"):
        load_measurements(broken)


def test_an_xlsx_with_many_bad_cells_is_capped(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator", "area", "period", "value"])
    for k in range(300):
        sheet.append(["participants", "Hageby", "2019", f"x{k}"])
    path = tmp_path / "data.xlsx"
    book.save(path)
    with pytest.raises(InvalidDataError) as caught:
        load_measurements(path)
    assert len(caught.value.problems) == 101 and "200 more problems" in str(caught.value.problems[-1])


@pytest.mark.parametrize(
    ("period", "message"), [("2018/20", "not a school year"), ("2019-H3", "not a period")]
)
def test_periods_are_checked_where_they_are_read(tmp_path, period, message):
    path = write(tmp_path, f"indicator,area,period,value\nparticipants,Hageby,{period},3\n")
    with pytest.raises(InvalidDataError, match=message):
        load_measurements(path)


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity"])
def test_non_finite_values_are_refused(tmp_path, value):
    path = write(tmp_path, f"indicator,area,period,value\nparticipants,Hageby,2019,{value}\n")
    with pytest.raises(InvalidDataError, match="expected a number"):
        load_measurements(path)
