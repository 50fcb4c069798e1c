package prolific

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestCleanJSONReplacesNULsAndLoneSurrogates(t *testing.T) {
	cases := map[string]string{
		`{"a":"x\u0000y"}`:          `{"a":"x\ufffdy"}`,
		`["\u0000","\u0000\u0000"]`: `["\ufffd","\ufffd\ufffd"]`,
		`{"a":"\\u0000"}`:           `{"a":"\\u0000"}`,         // an escaped backslash, then plain text
		`{"a":"\\\u0000"}`:          `{"a":"\\\ufffd"}`,        // an escaped backslash, then a real NUL
		`{"a":"\u00001"}`:           `{"a":"\ufffd1"}`,         // NUL followed by a digit
		`{"a":"no nul \u0001"}`:     `{"a":"no nul \u0001"}`,   // other control characters are fine
		`["x\ud800y"]`:              `["x\ufffdy"]`,            // a lone high surrogate
		`["\uDC00","\ud800"]`:       `["\ufffd","\ufffd"]`,     // a lone low one, and a high one at the end
		`["\ud83d\ude00 \u00e9"]`:   `["\ud83d\ude00 \u00e9"]`, // a pair, and any other escape, stay
		`["\ud83d\u00e9"]`:          `["\ufffd\u00e9"]`,        // a high surrogate without its low half
		`["\\ud800"]`:               `["\\ud800"]`,             // an escaped backslash, then plain text
	}
	for in, want := range cases {
		got := string(cleanJSON([]byte(in)))
		if got != want {
			t.Errorf("cleanJSON(%s) = %s, want %s", in, got, want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("cleanJSON(%s) is not valid JSON", in)
		}
	}
}

func TestCleanText(t *testing.T) {
	if got := cleanText("a\x00b\x00"); got != "a\uFFFDb\uFFFD" {
		t.Fatalf("cleanText = %q", got)
	}
	if got := cleanText("plain"); got != "plain" {
		t.Fatalf("cleanText = %q", got)
	}
}

func TestLiberalScalars(t *testing.T) {
	var row struct {
		Text  []jsonText `json:"text"`
		Ints  []jsonInt  `json:"ints"`
		Bools []jsonBool `json:"bools"`
		Times []jsonTime `json:"times"`
	}
	data := `{"text":["a\"b",12,true,null,{"k":1}],"ints":[2,"3",4.0,4.5,"x",null],"bools":[true,"false","yes",null],` +
		`"times":["2026-09-14T10:22:31.412Z","2026-09-14T12:30:00.5+02:00","2026-09-14T10:00:00","yesterday",7]}`
	if err := json.Unmarshal([]byte(data), &row); err != nil {
		t.Fatal(err)
	}
	var texts []any
	for _, v := range row.Text {
		texts = append(texts, v.sqlValue())
	}
	wantTexts := []any{`a"b`, "12", "true", nil, `{"k":1}`}
	for i := range wantTexts {
		if texts[i] != wantTexts[i] {
			t.Errorf("text %d = %#v, want %#v", i, texts[i], wantTexts[i])
		}
	}
	wantInts := []any{int64(2), int64(3), int64(4), nil, nil, nil}
	for i, v := range row.Ints {
		if v.sqlValue() != wantInts[i] {
			t.Errorf("int %d = %#v, want %#v", i, v.sqlValue(), wantInts[i])
		}
	}
	wantBools := []any{true, false, nil, nil}
	for i, v := range row.Bools {
		if v.sqlValue() != wantBools[i] {
			t.Errorf("bool %d = %#v, want %#v", i, v.sqlValue(), wantBools[i])
		}
	}
	wantTimes := []any{
		time.Date(2026, 9, 14, 10, 22, 31, 412e6, time.UTC), time.Date(2026, 9, 14, 10, 30, 0, 5e8, time.UTC),
		time.Date(2026, 9, 14, 10, 0, 0, 0, time.UTC), nil, nil,
	}
	for i, v := range row.Times {
		if got := v.sqlValue(); got != wantTimes[i] {
			t.Errorf("time %d = %#v, want %#v", i, got, wantTimes[i])
		}
	}
}

func TestAnswerValues(t *testing.T) {
	cases := map[string]any{
		`[{"value":"a"},{"value":2},{"value":false}]`: `["a",2,false]`,
		`[{"file_key":"k"},{"value":"x"}]`:            `[null,"x"]`,
		`[]`:                                          `[]`,
		`["loose", {"value": null}]`:                  `[null,null]`,
		`{"video_key":"v"}`:                           nil,
		``:                                            nil,
	}
	for in, want := range cases {
		got := answerValues(rawJSON(in)).sqlValue()
		if want == nil {
			if got != nil {
				t.Errorf("answerValues(%s) = %s, want NULL", in, got)
			}
			continue
		}
		if got.(string) != want {
			t.Errorf("answerValues(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestDecodeListStreamsAndDetectsTruncation(t *testing.T) {
	type item struct {
		ID jsonText `json:"id"`
	}
	collect := func(body string, stopAfter int) ([]string, listEnvelope, error) {
		var ids []string
		env, err := decodeList(strings.NewReader(body), func(it *item) bool {
			ids = append(ids, it.ID.value)
			return stopAfter == 0 || len(ids) < stopAfter
		})
		return ids, env, err
	}

	ids, env, err := collect(`{"meta":{"count":3},"results":[{"id":"a"},"odd",{"id":"b"}],"_links":{}}`, 0)
	if err != nil || strings.Join(ids, ",") != "a,b" || *env.count != 3 || env.skipped != 1 || !env.complete {
		t.Fatalf("object body: ids %v env %+v err %v", ids, env, err)
	}
	ids, _, err = collect(`[{"id":"a"},{"id":"b"}]`, 0)
	if err != nil || len(ids) != 2 {
		t.Fatalf("bare array: ids %v err %v", ids, err)
	}
	ids, env, err = collect(`{"results":null}`, 0)
	if err != nil || len(ids) != 0 || env.count != nil {
		t.Fatalf("null results: ids %v err %v", ids, err)
	}
	ids, env, err = collect(`{"results":[{"id":"a"},{"id":"b"},{"id":"c"}]}`, 1)
	if err != nil || len(ids) != 1 || env.complete {
		t.Fatalf("early stop: ids %v env %+v err %v", ids, env, err)
	}
	for _, truncated := range []string{`{"results":[{"id":"a"},{"id":"b"`, `{"results":[{"id":"a"},`, `{"results":[{"id":"a"}]`, `{"results":[{"id":"a"}],"meta":{"cou`, `{"results":`} {
		ids, _, err = collect(truncated, 0)
		if err == nil || !strings.Contains(err.Error(), "ended before its JSON was complete") {
			t.Errorf("truncated %q: ids %v err %v", truncated, ids, err)
		}
	}
	_, _, err = collect(`{"results":[{"id":"a"} {"id":"b"}]}`, 0)
	if err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("malformed: err %v", err)
	}
	_, _, err = collect(`"just a string"`, 0)
	if err == nil {
		t.Errorf("a string body was accepted")
	}
}

// JSON columns are one line, as JSON Lines output needs, with the whitespace inside strings kept.
func TestRawJSONIsCompact(t *testing.T) {
	cases := map[string]string{
		`{"a":1,"b":[true,null]}`:                         `{"a":1,"b":[true,null]}`,
		"{\n  \"a\": 1,\n  \"b\": [ true, null ]\n}":      `{"a":1,"b":[true,null]}`,
		`{"text": "two  spaces, a \"quote\" and\ta tab"}`: `{"text":"two  spaces, a \"quote\" and\ta tab"}`,
		`["a\\", "b"]`: `["a\\","b"]`,
	}
	for in, want := range cases {
		if got := rawJSON(in).sqlValue(); got != want {
			t.Errorf("rawJSON(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFirstNonBlankFallsBackPastBlankNames(t *testing.T) {
	name := func(s string) jsonText { return jsonText{value: s, set: true} }
	cases := []struct {
		texts []jsonText
		want  any
	}{
		{[]jsonText{name("Ada"), name("ada@example.org")}, "Ada"},
		{[]jsonText{name("  "), name("ada@example.org")}, "ada@example.org"},
		{[]jsonText{{}, name("Draft")}, "Draft"},
		{[]jsonText{{}, name("")}, nil},
	}
	for _, c := range cases {
		if got := firstNonBlank(c.texts...); got != c.want {
			t.Errorf("firstNonBlank(%v) = %#v, want %#v", c.texts, got, c.want)
		}
	}
}
