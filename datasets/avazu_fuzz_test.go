package datasets

import (
	"bytes"
	"testing"
)

// FuzzAvazuCSV feeds whole CSV files; a load that succeeds must be a
// consistent encoding.
func FuzzAvazuCSV(f *testing.F) {
	f.Add([]byte("id,click,hour,C1,banner_pos,site_id,device_ip\n1,0,14102100,1005,0,a,x\n2,1,14102101,1005,1,b,y\n"))
	f.Add([]byte("\uFEFFclick,hour,C1\r\n1,14102100,\"a\nb\"\r\n\r\n0,14102223,5\r\n"))
	f.Add([]byte("click,hour,C1,C1\n"))
	f.Fuzz(func(t *testing.T, csv []byte) {
		fuzzBound(t, textBound(len(csv)), true, func() error {
			d, err := LoadAvazuCSV("f.csv", bytes.NewReader(csv), AvazuOptions{MinCount: 2})
			if err != nil {
				return err
			}
			F := len(d.Fields)
			if len(d.Off) != d.N*F+1 || len(d.Idx) != d.N*F || len(d.Label) != d.N {
				t.Fatalf("%d rows, %d fields: Off %d, Idx %d, Label %d", d.N, F, len(d.Off), len(d.Idx), len(d.Label))
			}
			for k, i := range d.Idx {
				if i < 0 || int(i) >= len(d.Fields[k%F].Values) {
					t.Fatalf("index %d of field %d out of its %d values", i, k%F, len(d.Fields[k%F].Values))
				}
			}
			return nil
		})
	})
}
