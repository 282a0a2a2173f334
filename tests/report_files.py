"""Real report files in every format govkg reads, written by the tests themselves.

The texts are short reports written for the tests (not the seeds); each file format is produced
by the library that real producers of such files use: reportlab for PDFs (its built-in Adobe
CID font STSong-Light needs no font file), python-docx for Word, pypdf to encrypt, plain bytes in
GBK / Big5 for legacy text.
"""

from __future__ import annotations

from pathlib import Path

REPORT = """{region}数据资源管理局{year}年工作总结
{year}年，{short}依托“{platform}”推进“高效办成一件事”改革，全{unit}政务服务事项网上可办率达到98%。
我局牵头推进“一网通办”，{platform}注册用户突破{users}万人。
下一步，我们将深化“免申即享”，持续优化营商环境。"""

TRADITIONAL = """{region}數據資源管理局{year}年工作總結
{year}年，全縣依託“{platform}”推進“高效辦成一件事”改革，政務服務事項網上可辦率達到98%。
我局牽頭推進“一網通辦”，與浙江省安吉縣簽訂“跨省通辦”合作協議。"""


def report_text(region: str = "福建省南平市建瓯市", platform: str = "闽政通", year: int = 2024,
                users: int = 12, short: str = "全市", unit: str = "市") -> str:
    return REPORT.format(region=region, platform=platform, year=year, users=users, short=short, unit=unit)


def write_txt(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_html(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """A page as government sites publish it: navigation, breadcrumb, toolbar, article, footer."""
    title, *paragraphs = text.split("\n")
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    charset = "gb2312" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政务公开_人民政府门户网站</title></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/bsfw">办事服务</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 工作总结</div>
<div class="tools"><a href="#">下载</a> <a href="#">打印</a> 字号：<a>大</a> <a>中</a> <a>小</a> <a href="#">分享</a></div>
<div class="article"><h1>{title}</h1>
<div class="info">来源：数据资源管理局 发布时间：2025-01-15</div>
{body}
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">关于开展“城市大脑”建设的通知</a></li>
<li><a href="/b">“渝快办”平台使用指南</a></li></ul></div>
<div class="footer">主办单位：人民政府办公室 版权所有 网站标识码：1234567890 闽ICP备12345678号</div>
</body></html>"""
    path.write_bytes(page.encode(encoding))
    return path


def write_pdf(path: Path, text: str, password: str | None = None) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    y = 800
    for line in text.split("\n"):
        while line:  # wrap long lines at 40 characters, as a typeset page would
            c.drawString(40, y, line[:40])
            line, y = line[40:], y - 18
    c.save()
    if password:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(str(path)))
        writer.encrypt(user_password=password, owner_password=password + "-owner")
        with open(path, "wb") as fh:
            writer.write(fh)
    return path


def write_docx(path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    title, *paragraphs = text.split("\n")
    document.add_heading(title, level=1)
    for p in paragraphs[:-1]:
        document.add_paragraph(p)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "重点工作"
    table.rows[0].cells[1].text = paragraphs[-1]
    document.save(str(path))
    return path
