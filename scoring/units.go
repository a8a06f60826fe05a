package scoring

import "strings"

// unitScale maps the units that estimates use to a factor within their dimension:
// bytes, time and rates. Decimal prefixes are powers of 1000, binary ones of 1024.
var unitScale = map[string]struct {
	dim    string
	factor float64
}{
	"b": {"bytes", 1}, "byte": {"bytes", 1}, "bytes": {"bytes", 1},
	"kb": {"bytes", 1e3}, "mb": {"bytes", 1e6}, "gb": {"bytes", 1e9}, "tb": {"bytes", 1e12}, "pb": {"bytes", 1e15},
	"kib": {"bytes", 1 << 10}, "mib": {"bytes", 1 << 20}, "gib": {"bytes", 1 << 30}, "tib": {"bytes", 1 << 40}, "pib": {"bytes", 1 << 50},
	"ns": {"time", 1e-9}, "µs": {"time", 1e-6}, "us": {"time", 1e-6}, "ms": {"time", 1e-3},
	"s": {"time", 1}, "sec": {"time", 1}, "secs": {"time", 1}, "second": {"time", 1}, "seconds": {"time", 1},
	"min": {"time", 60}, "mins": {"time", 60}, "minute": {"time", 60}, "minutes": {"time", 60},
	"h": {"time", 3600}, "hr": {"time", 3600}, "hour": {"time", 3600}, "hours": {"time", 3600},
	"day": {"time", 86400}, "days": {"time", 86400},
	"qps": {"rate", 1}, "rps": {"rate", 1}, "tps": {"rate", 1}, "/s": {"rate", 1}, "req/s": {"rate", 1},
	"persecond": {"rate", 1}, "requestspersecond": {"rate", 1}, "requests/s": {"rate", 1},
}

func normUnit(u string) string {
	return strings.Join(strings.Fields(strings.ToLower(u)), "")
}

// UnitFactor returns the factor that converts a value in unit got to unit want, and
// whether the two units are compatible: the same words, the same dimension (2 GB and
// 2000 MB), or one naming the other ("per second" within "writes per second").
func UnitFactor(got, want string) (float64, bool) {
	g, w := normUnit(got), normUnit(want)
	if g == w || strings.TrimSuffix(g, "s") == strings.TrimSuffix(w, "s") {
		return 1, true
	}
	gs, gok := unitScale[g]
	ws, wok := unitScale[w]
	if gok && wok && gs.dim == ws.dim {
		return gs.factor / ws.factor, true
	}
	if strings.Contains(w, g) || strings.Contains(g, w) {
		return 1, true
	}
	return 0, false
}
