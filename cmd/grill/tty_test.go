package main

import "testing"

func TestKeyLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"a", 1},
		{"ab", 1},
		{"é!", 2},
		{"\x1b[B\r", 3},
		{"\x1b[23;100R:e", 9},
		{"\x1b[1;5C", 6},
		{"\x1bOA", 3},
		{"\x1b", 1},
		{"\x1bx", 2},
		{"\x1b[12", 4}, // incomplete: hand out what there is
		{"\r\r", 1},
	}
	for _, tt := range tests {
		if got := keyLen([]byte(tt.in)); got != tt.want {
			t.Errorf("keyLen(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
