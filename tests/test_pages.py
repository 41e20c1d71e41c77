"""Saved web pages: the article's text, title, outlet and date read off the page."""
import pytest

from analysis import pages
from analysis.corpus import CorpusError

PARAGRAPHS = [
    "أعلنت وزارة الدفاع الروسية، السبت، أن خبراء عسكريين من روسيا والولايات المتحدة عقدوا جولة جديدة من المشاورات لبحث تطبيق مذكرة التفاهم حول سلامة الطيران فوق سوريا.",
    "وقال المتحدث باسم الوزارة إن الجانبين أكدا التزامهما بتفادي أي احتكاك بين طائراتهما، مضيفاً أن قناة الاتصال تعمل بانتظام منذ أشهر طويلة دون انقطاع.",
    "من جهته، قال المتحدث باسم البنتاغون إن واشنطن لا تنسق عملياتها مع موسكو، لكنها حريصة على سلامة طياريها في الأجواء السورية المزدحمة بالطائرات.",
]
TITLE = "موسكو وواشنطن تبحثان تجنب الحوادث في سماء سوريا"


def page(head="", article=None, chrome=True):
    article = PARAGRAPHS if article is None else article
    paras = "".join(f"<p>{p}</p>" for p in article)
    nav = ('<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة</a></li></ul></nav>'
           '<div class="ticker">عاجل: ارتفاع أسعار النفط</div></header>') if chrome else ""
    aside = ('<aside class="related"><h3>اقرأ أيضاً</h3><ul><li><a href="/a">ترامب يهاجم الديمقراطيين</a></li></ul>'
             '</aside><div class="newsletter">اشترك في النشرة البريدية ليصلك كل جديد</div>'
             '<footer>جميع الحقوق محفوظة © 2016 | سياسة الخصوصية | اتصل بنا</footer>') if chrome else ""
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{TITLE} | الموقع</title>'
            f'<meta property="og:title" content="{TITLE}">{head}</head><body>{nav}<main><article><h1>{TITLE}</h1>'
            f'{paras}</article>{aside}</main></body></html>')


def read(tmp_path, html, name="p1.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return pages.read_page(path)


def test_article_text_without_the_site_chrome(tmp_path):
    record = read(tmp_path, page())
    lines = record["text"].split("\n")
    assert record["doc_id"] == "p1"
    assert lines[0] == TITLE and lines[1] == "" and lines[2:] == PARAGRAPHS  # headline once, then the body
    for chrome in ("الرئيسية", "عاجل", "اقرأ أيضاً", "النشرة البريدية", "جميع الحقوق"):
        assert chrome not in record["text"]


@pytest.mark.parametrize("head, published, basis", [
    ('<meta property="article:published_time" content="2016-09-10T14:05:00+03:00">'
     '<script type="application/ld+json">{"datePublished": "2016-09-11"}</script>', "2016-09-10", "page:meta"),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", '
     '"datePublished": "2017-04-07T09:00:00Z"}]}</script>', "2017-04-07", "page:json-ld"),
    ('<script type="application/ld+json">{not json</script>', "", ""),
    ("", "", ""),
])
def test_publication_date_and_where_it_came_from(tmp_path, head, published, basis):
    record = read(tmp_path, page(head))
    assert (record["published"], record["published_basis"]) == (published, basis)


def test_time_element_dates_the_page(tmp_path):
    html = page().replace(f"<h1>{TITLE}</h1>", f'<h1>{TITLE}</h1><time datetime="2018-06-08">8 يونيو</time>')
    record = read(tmp_path, html)
    assert (record["published"], record["published_basis"]) == ("2018-06-08", "page:time")


@pytest.mark.parametrize("head, outlet", [
    ('<meta property="og:site_name" content="صحيفة الخليج">', "صحيفة الخليج"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"@type": "Organization", '
     '"name": "العربي الجديد"}}</script>', "العربي الجديد"),
])
def test_outlet_is_the_site_name(tmp_path, head, outlet):
    assert read(tmp_path, page(head))["outlet"] == outlet


def test_a_page_of_only_chrome_is_reported(tmp_path):
    html = ('<html><body><nav><a href="/">الرئيسية</a> <a href="/x">سياسة</a></nav>'
            '<footer>جميع الحقوق محفوظة</footer></body></html>')
    with pytest.raises(CorpusError, match="empty.html: no article text"):
        read(tmp_path, html, name="empty.html")


def test_windows_1256_page_is_read(tmp_path):
    html = page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">')
    html = html.replace('<meta charset="utf-8">', "")
    path = tmp_path / "cp.html"
    path.write_bytes(html.encode("cp1256", errors="replace"))
    assert PARAGRAPHS[0][:40] in pages.read_page(path)["text"]


def test_a_copyright_year_is_not_a_publication_date(tmp_path):
    """htmldate's text search would date this page 2016-01-01 from «© 2016» in the footer."""
    record = read(tmp_path, page())
    assert "© 2016" in page() and record["published"] == ""


def test_other_date_markup_is_read(tmp_path):
    record = read(tmp_path, page('<meta name="dc.date" content="2019-03-05">'))
    assert record["published"] == "2019-03-05" and record["published_basis"] in ("page:meta", "page:markup")


def test_a_folder_of_pages_needs_no_metadata(tmp_path):
    import warnings

    from analysis import corpus

    (tmp_path / "p1.html").write_text(page('<meta property="og:site_name" content="الخليج">'
                                           '<meta property="article:published_time" content="2016-09-10">'),
                                      encoding="utf-8")
    (tmp_path / "p2.htm").write_text(page(), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "has no metadata.csv" warning for pages
        docs = corpus.load(tmp_path)
    assert docs["doc_id"].tolist() == ["p1", "p2"] and docs["encoding"].tolist() == ["html", "html"]
    assert docs["outlet"].tolist() == ["الخليج", ""]
    assert docs["published_basis"].tolist() == ["page:meta", ""]
    assert str(docs.at[0, "published"].date()) == "2016-09-10" and docs["published"].isna().tolist() == [False, True]
    assert docs.at[0, "raw"].startswith(TITLE + "\n\n")


def test_a_metadata_row_wins_over_the_page(tmp_path):
    from analysis import corpus

    (tmp_path / "p1.html").write_text(page('<meta property="og:site_name" content="الخليج">'
                                           '<meta property="article:published_time" content="2016-09-10">'),
                                      encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,outlet,published,published_basis\np1,Al-Khaleej,2016-09-11,stated\n",
                                           encoding="utf-8")
    docs = corpus.load(tmp_path)
    assert (docs.at[0, "outlet"], str(docs.at[0, "published"].date()), docs.at[0, "published_basis"]) == \
        ("Al-Khaleej", "2016-09-11", "stated")


def test_two_files_for_one_doc_id_are_an_error(tmp_path):
    from analysis import corpus

    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "a.txt").write_text("عنوان\n\nنص", encoding="utf-8")
    with pytest.raises(CorpusError, match="a.html and a.txt: two article files for the doc_id 'a'"):
        corpus.load(tmp_path)
