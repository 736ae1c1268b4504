"""The chart template tag embeds the specification safely and names the chart."""

from __future__ import annotations

import json
import re

from django.template import Context, Template


def test_chart_tag_embeds_the_spec_as_json_that_cannot_break_out() -> None:
    spec = {"data": {"values": [{"label": "</script><script>alert(1)</script>"}]}}
    html = Template('{% load mangfold %}{% chart spec "Scores" "c1" %}').render(Context({"spec": spec}))
    assert '<figure class="chart" id="c1" role="group" aria-label="Scores">' in html
    payload = re.search(r'<script type="application/json">(.*)</script></figure>', html, re.S)
    assert payload is not None
    assert "</script><script>" not in payload.group(1)
    assert json.loads(payload.group(1)) == spec


def test_chart_scripts_load_the_vendored_bundle() -> None:
    html = Template("{% load mangfold %}{% chart_scripts %}").render(Context({}))
    assert "mangfold/vendor/vega-bundle.js" in html
    assert "cdn" not in html.lower()


def test_a_chart_without_an_id_gets_one_that_depends_only_on_its_spec() -> None:
    template = Template('{% load mangfold %}{% chart spec "Scores" %}')
    first = template.render(Context({"spec": {"mark": "bar"}}))
    again = template.render(Context({"spec": {"mark": "bar"}}))
    other = template.render(Context({"spec": {"mark": "line"}}))
    chart_id = re.search(r'id="(chart-[0-9a-f]{10})"', first)
    assert chart_id is not None
    assert chart_id.group(1) in again and chart_id.group(1) not in other
