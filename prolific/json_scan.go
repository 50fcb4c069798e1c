package prolific

// A small reader for JSON that encoding/json has already validated. The responses table decodes every field of
// hundreds of thousands of rows; walking the bytes once, without reflection, made decoding several times faster
// than encoding/json's struct decoding (make bench, decode floor). Every function here assumes valid JSON: it is only
// called from an UnmarshalJSON method, which encoding/json calls after checking the value's syntax.

// objectMembers calls fn with the raw key (without quotes, escapes kept) and raw value of each member of the JSON
// object in data. It does nothing when data is not an object.
func objectMembers(data []byte, fn func(key, value []byte)) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return
	}
	i++
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] == '}' {
			return
		}
		if data[i] == ',' {
			i++
			continue
		}
		keyEnd := stringEnd(data, i)
		key := data[i+1 : keyEnd-1]
		i = skipSpace(data, keyEnd) + 1 // past the colon
		i = skipSpace(data, i)
		end := valueEnd(data, i)
		fn(key, data[i:end])
		i = end
	}
}

// arrayElements calls fn with each raw element of the JSON array in data. It does nothing when data is not an array.
func arrayElements(data []byte, fn func(value []byte)) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '[' {
		return
	}
	i++
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] == ']' {
			return
		}
		if data[i] == ',' {
			i++
			continue
		}
		end := valueEnd(data, i)
		fn(data[i:end])
		i = end
	}
}

// valueEnd returns the index just past the JSON value that starts at data[i].
func valueEnd(data []byte, i int) int {
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = stringEnd(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(data)
	default: // a number, true, false or null
		j := i
		for j < len(data) && !isDelimiter(data[j]) {
			j++
		}
		return j
	}
}

// stringEnd returns the index just past the string whose opening quote is data[i].
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t') {
		i++
	}
	return i
}

func isDelimiter(c byte) bool {
	return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t'
}
